// The module graph of the project's feature slices (dependency-cruiser's API, tsconfig paths honoured).
// Owner: the feature-slices check. Stub until it lands: no modules.
import type { ModuleNode } from '../types.js';
import type { ExtractInput } from './input.js';

export interface ModuleImport {
  from: string;
  to: string;
  /** The importing file and the line of the import. */
  file: string;
  line: number;
}

export interface ModuleGraphFacts {
  modules: ModuleNode[];
  crossModuleImports: ModuleImport[];
  /** Each cycle as the module names in order, the first repeated at the end. */
  cycles: string[][];
}

export async function extractModuleGraph(input: ExtractInput): Promise<ModuleGraphFacts> {
  void input;
  return { modules: [], crossModuleImports: [], cycles: [] };
}
