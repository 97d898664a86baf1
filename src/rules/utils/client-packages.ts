// Clients of network SDKs, found by where they come from (not by what they are called):
//
//   imports          import Stripe from 'stripe'; import { S3Client } from '@aws-sdk/client-s3';
//                    import * as nodemailer from 'nodemailer'; const sgMail = require('@sendgrid/mail')
//   instances        const stripe = new Stripe(key); const transporter = nodemailer.createTransport(…);
//                    const producer = kafka.producer(); const channel = await connection.createChannel()
//   class members    `private readonly s3: S3Client` (a NestJS-injected or constructor parameter), `stripe = new Stripe()`,
//                    `this.mailer = nodemailer.createTransport()` → `this.s3.send(…)`, `this.stripe.charges.create(…)`
//   typed variables  `function upload(client: S3Client) { client.send(…) }`
//
// A method call on such a client (`stripe.charges.create()`, `transporter.sendMail()`, `s3.send()`) is a network call,
// except the few SDK methods that only build or configure something locally (`nodemailer.createTransport`,
// `kafka.producer`, `stripe.webhooks.constructEvent`, event-emitter methods). An in-process object (a PubSub of
// `graphql-subscriptions`, an EventEmitter) is never a client, whatever its name.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

type Variable = TSESLint.Scope.Variable;

/** Packages whose every export is (or builds) a network client. */
const CLIENT_PACKAGES = new Set([
  'stripe', 'nodemailer', 'twilio', 'kafkajs', 'amqplib', 'amqplib/callback_api', 'amqp-connection-manager', 'openai',
  '@anthropic-ai/sdk', '@workos-inc/node', 'resend', 'postmark', 'mailgun.js', '@slack/web-api', '@google-cloud/pubsub',
  '@google-cloud/storage', 'firebase-admin',
]);
/** Scopes whose packages are all network clients: `@aws-sdk/client-s3`, `@sendgrid/mail`. */
const CLIENT_SCOPES = ['@aws-sdk/', '@sendgrid/', '@azure/storage-', '@azure/service-bus'];
/** SDK methods that build or configure locally; their result may be a client, the call itself is not a network call. */
const LOCAL_SDK_METHODS = new Set([
  'createTransport', 'producer', 'consumer', 'admin', 'setApiKey', 'setApiKeys', 'setClient', 'constructEvent',
  'on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'emit', 'listeners', 'bucket', 'file',
  'topic', 'subscription', 'destroy', 'middlewareStack', 'use',
]);
/** Members of a client that hold local helpers, not endpoints: `stripe.webhooks.constructEvent(…)`. */
const LOCAL_SDK_MEMBERS = new Set(['webhooks', 'errors', 'config', 'middlewareStack']);

export function isClientPackage(specifier: string): boolean {
  return CLIENT_PACKAGES.has(specifier) || CLIENT_SCOPES.some((scope) => specifier.startsWith(scope));
}

export interface ClientTracker {
  /** True when `node` is a method call on an SDK client. */
  isClientCall(node: TSESTree.CallExpression): boolean;
}

/** Tracks SDK clients in one file; computed on first use. Never throws on partial code. */
export function createClientTracker(sourceCode: Readonly<TSESLint.SourceCode>): ClientTracker {
  let state: { variables: Set<Variable>; properties: Set<string> } | undefined;

  const variableOf = (identifier: TSESTree.Identifier): Variable | null =>
    ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);

  function compute(): NonNullable<typeof state> {
    const variables = new Set<Variable>();
    const properties = new Set<string>();
    state = { variables, properties };
    const manager = sourceCode.scopeManager;
    if (!manager) return state;
    const all = manager.scopes.flatMap((scope) => scope.variables);
    for (const variable of all) {
      if (variable.defs.some((def) => isSeed(def))) variables.add(variable);
    }
    if (variables.size === 0) return state;
    // Instances, typed variables and class members, to a fixed point (a client built from a client).
    for (let pass = 0, changed = true; changed && pass < 5; pass++) {
      changed = false;
      for (const variable of all) {
        if (variables.has(variable) || !variable.defs.some((def) => definesClient(def))) continue;
        variables.add(variable);
        changed = true;
      }
      for (const name of clientMembers()) {
        if (properties.has(name)) continue;
        properties.add(name);
        changed = true;
      }
    }
    return state;
  }

  /** An import or `require()` of a client package. */
  function isSeed(def: TSESLint.Scope.Definition): boolean {
    if (def.type === 'ImportBinding') {
      const declaration = def.parent;
      // type-only imports too: `private s3: S3Client` names the client class whatever the import's kind
      return declaration?.type === 'ImportDeclaration' && isClientPackage(declaration.source.value);
    }
    if (def.type !== 'Variable') return false;
    const init = unwrap(def.node.init);
    return isRequireOf(init);
  }

  function definesClient(def: TSESLint.Scope.Definition): boolean {
    if (def.type === 'Variable') {
      return isClientExpression(def.node.init) || hasClientType(def.node.id);
    }
    if (def.type === 'Parameter') return hasClientType(def.name);
    return false;
  }

  /** Class members that hold a client: typed with a client class, or assigned one. */
  function clientMembers(): string[] {
    const names: string[] = [];
    const visit = (node: TSESTree.Node): void => {
      if (node.type === 'PropertyDefinition' && !node.computed && node.key.type === 'Identifier') {
        if (isClientExpression(node.value) || hasClientType(node)) names.push(node.key.name);
      } else if (node.type === 'TSParameterProperty' && node.parameter.type === 'Identifier' && hasClientType(node.parameter)) {
        names.push(node.parameter.name);
      } else if (
        node.type === 'AssignmentExpression' &&
        node.left.type === 'MemberExpression' &&
        node.left.object.type === 'ThisExpression' &&
        !node.left.computed &&
        node.left.property.type === 'Identifier' &&
        isClientExpression(node.right)
      ) {
        names.push(node.left.property.name);
      }
      for (const key of sourceCode.visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        for (const item of Array.isArray(child) ? child : [child]) {
          if (item && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
        }
      }
    };
    visit(sourceCode.ast);
    return names;
  }

  /** `new Client()`, `factory()`, `client.factory()` (one member deep), `await …` of those, on a known client. */
  function isClientExpression(node: TSESTree.Node | null | undefined): boolean {
    const expression = unwrap(node);
    if (!expression) return false;
    if (expression.type === 'NewExpression') return isClientRoot(expression.callee);
    if (expression.type !== 'CallExpression') return false;
    const callee = expression.callee;
    if (callee.type === 'MemberExpression') return callee.object.type !== 'MemberExpression' && isClientRoot(callee.object);
    return isClientRoot(callee);
  }

  /** A type annotation naming an imported client class: `s3: S3Client`, `stripe: Stripe`, `client: Stripe.Stripe`. */
  function hasClientType(node: TSESTree.Node): boolean {
    const annotation = 'typeAnnotation' in node ? node.typeAnnotation : undefined;
    const type = annotation && annotation.type === 'TSTypeAnnotation' ? annotation.typeAnnotation : undefined;
    if (type?.type !== 'TSTypeReference') return false;
    let name: TSESTree.EntityName = type.typeName;
    while (name.type === 'TSQualifiedName') name = name.left;
    return name.type === 'Identifier' && isTrackedIdentifier(name);
  }

  function isTrackedIdentifier(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(identifier);
    return variable !== null && state!.variables.has(variable);
  }

  /** An identifier or `this.x` (down a member chain) that holds a client. */
  function isClientRoot(node: TSESTree.Node): boolean {
    const expression = unwrap(node);
    if (!expression) return false;
    if (expression.type === 'Identifier') return isTrackedIdentifier(expression);
    if (
      expression.type === 'MemberExpression' &&
      expression.object.type === 'ThisExpression' &&
      !expression.computed &&
      expression.property.type === 'Identifier'
    ) {
      return state!.properties.has(expression.property.name);
    }
    if (expression.type === 'MemberExpression') return isClientRoot(expression.object);
    return expression.type === 'NewExpression' && isClientExpression(expression);
  }

  return {
    isClientCall(node) {
      const current = state ?? compute();
      if (current.variables.size === 0) return false;
      const callee = node.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
      if (LOCAL_SDK_METHODS.has(callee.property.name)) return false;
      for (let object: TSESTree.Node = callee.object; object.type === 'MemberExpression'; object = object.object) {
        if (!object.computed && object.property.type === 'Identifier' && LOCAL_SDK_MEMBERS.has(object.property.name)) {
          return false;
        }
      }
      return isClientRoot(callee.object);
    },
  };
}

/** Through `await`, `as`, `!` and parentheses. */
function unwrap(node: TSESTree.Node | null | undefined): TSESTree.Node | undefined {
  let current = node ?? undefined;
  while (
    current &&
    (current.type === 'AwaitExpression' ||
      current.type === 'TSAsExpression' ||
      current.type === 'TSNonNullExpression' ||
      current.type === 'TSSatisfiesExpression' ||
      current.type === 'ChainExpression')
  ) {
    current = current.type === 'AwaitExpression' ? current.argument : current.expression;
  }
  return current;
}

/** `require('<client package>')`, also `require('…').default`. */
function isRequireOf(node: TSESTree.Node | undefined): boolean {
  let current = node;
  if (current?.type === 'MemberExpression') current = current.object;
  if (current?.type !== 'CallExpression' || current.callee.type !== 'Identifier' || current.callee.name !== 'require') {
    return false;
  }
  const argument = current.arguments[0];
  return argument?.type === 'Literal' && typeof argument.value === 'string' && isClientPackage(argument.value);
}
