/**
 * The complex-plane view's prepared tree and shader, once per tree (hash-consed: the same tree object is the same
 * program), and the limits on what it draws. The mathematics is the core's (eml/plane); this only caches it.
 */
import type { EmlNode } from '../../eml/ast.ts';
import { compilePlaneShader, type PlaneShader } from '../../eml/plane/glsl.ts';
import { preparePlane, type PlaneProgram } from '../../eml/plane/program.ts';

/**
 * Above this many temporaries the shader is not built: drivers take seconds to compile (or refuse) fragment shaders
 * of tens of thousands of statements; the float64 worker draws instead.
 */
export const GPU_MAX_STEPS = 6_000;
/** Above this many distinct nodes the plane is not drawn at all (a 512×512 float64 image would take minutes). */
export const PLANE_MAX_STEPS = 60_000;

export type PlaneModel =
  { ok: true; program: PlaneProgram; shader: PlaneShader | null } | { ok: false; message: string };

const models = new WeakMap<EmlNode, PlaneModel>();

export function planeModelOf(tree: EmlNode): PlaneModel {
  let m = models.get(tree);
  if (m) return m;
  try {
    const program = preparePlane(tree);
    if (program.steps.length > PLANE_MAX_STEPS) {
      m = {
        ok: false,
        message: `the tree has ${program.steps.length} distinct nodes that depend on x or y; the plane draws at most ${PLANE_MAX_STEPS}`,
      };
    } else {
      m = { ok: true, program, shader: program.steps.length <= GPU_MAX_STEPS ? compilePlaneShader(program) : null };
    }
  } catch (e) {
    m = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  models.set(tree, m);
  return m;
}
