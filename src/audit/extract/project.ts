// The project's HTTP endpoints with full paths composed across files, and how each validates its input (ts-morph).
// Owner: the endpoint inventory. Stub until it lands: no endpoints.
import type { Endpoint } from '../types.js';
import type { ExtractInput } from './input.js';

export interface EndpointFact extends Endpoint {
  /** What validates the endpoint's input (`zod schema createUserSchema`, `ValidationPipe (global) + CreateUserDto`), or null. */
  validatedBy: string | null;
  column: number;
}

export interface ProjectFacts {
  endpoints: EndpointFact[];
}

export async function extractProject(input: ExtractInput): Promise<ProjectFacts> {
  void input;
  return { endpoints: [] };
}
