// Is a DTO named in a NestJS handler (`@Body() dto: CreateCatDto`) and declared in another file a class that a
// ValidationPipe validates (a class with class-validator decorators), or only a type? ts-morph reads the declaring
// file, and follows barrel re-exports; one Project for the whole audit, holding only the files asked about. ts-morph
// (and the TypeScript copy it bundles) is loaded on the first question only: most audits never ask one.
import { createRequire } from 'node:module';

import type { Project, SourceFile } from 'ts-morph';

import type { TypeKind } from '../../rules/utils/route-validation.js';

/** Resolves a module specifier seen from a file (both absolute) to a project file, or undefined. */
export type ResolveFile = (specifier: string, importer: string) => string | undefined;

export interface DtoKinds {
  /** What `name`, exported by the file `absolute`, denotes; undefined when it can't be found. */
  kindOf(absolute: string, name: string): TypeKind | undefined;
}

export function createDtoKinds(resolveFile: ResolveFile): DtoKinds {
  let project: Project | undefined;
  const cache = new Map<string, TypeKind | undefined>();

  function sourceFile(absolute: string): SourceFile | undefined {
    project ??= new (createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph')).Project({
      skipFileDependencyResolution: true,
      skipAddingFilesFromTsConfig: true,
      compilerOptions: { allowJs: true, experimentalDecorators: true },
    });
    try {
      return project.getSourceFile(absolute) ?? project.addSourceFileAtPathIfExists(absolute);
    } catch {
      return undefined;
    }
  }

  function kindOf(absolute: string, name: string, depth = 0): TypeKind | undefined {
    const key = `${absolute}\0${name}`;
    if (cache.has(key)) return cache.get(key);
    cache.set(key, undefined); // a re-export loop ends here
    const file = depth > 8 ? undefined : sourceFile(absolute);
    let kind: TypeKind | undefined;
    const declared = file?.getClass(name);
    if (declared) {
      const decorated = declared.getProperties().some((property) => property.getDecorators().length > 0);
      kind = decorated ? 'class' : 'type';
    } else if (file?.getInterface(name) || file?.getTypeAlias(name)) {
      kind = 'type';
    } else {
      for (const declaration of file?.getExportDeclarations() ?? []) {
        const specifier = declaration.getModuleSpecifierValue();
        const named = declaration.getNamedExports().find((exported) => (exported.getAliasNode()?.getText() ?? exported.getName()) === name);
        if (!specifier || (!named && !declaration.isNamespaceExport())) continue;
        const target = resolveFile(specifier, absolute);
        kind = target ? kindOf(target, named?.getName() ?? name, depth + 1) : undefined;
        if (kind) break;
      }
    }
    cache.set(key, kind);
    return kind;
  }

  return { kindOf: (absolute, name) => kindOf(absolute, name) };
}
