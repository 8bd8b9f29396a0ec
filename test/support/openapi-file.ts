/**
 * Global setup of the suites that call the API handlers in-process: the build step of
 * GET /v1/openapi.json, which serves the generated file beside the API code.
 */
import { writeOpenApiDocument } from '../../functions/api/openapi.ts';

export default function setup(): void {
  writeOpenApiDocument();
}
