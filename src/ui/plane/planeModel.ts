/**
 * The complex-plane view's prepared tree and shader, once per tree (hash-consed: the same tree object is the same
 * program), and the limits on what it draws. The mathematics is the core's (eml/plane); this only caches it.
 */
import { distinctCountUpTo, type EmlNode } from '../../eml/ast.ts';
import { compilePlaneShader, type PlaneShader } from '../../eml/plane/glsl.ts';
import { preparePlane, type PlaneProgram } from '../../eml/plane/program.ts';

/**
 * Above this many distinct nodes the plane is not drawn. Preparing the program and its shader runs on the page (the
 * shader is linked there), and grows with the DAG: about 60 ms at this size on a slow machine, 0.5 s for the
 * 100 000 distinct nodes of a K 200 001 tree. The trees the plane is for (K ≤ 1 200) have a few hundred.
 */
export const PLANE_MAX_NODES = 4_000;

export type PlaneModel = { ok: true; program: PlaneProgram; shader: PlaneShader } | { ok: false; message: string };

const models = new WeakMap<EmlNode, PlaneModel>();

export function planeModelOf(tree: EmlNode): PlaneModel {
  let m = models.get(tree);
  if (m) return m;
  try {
    if (distinctCountUpTo(tree, PLANE_MAX_NODES) === null) {
      m = {
        ok: false,
        message: `the tree has more than ${PLANE_MAX_NODES.toLocaleString('en')} distinct nodes; the plane draws trees up to that size`,
      };
    } else {
      const program = preparePlane(tree);
      m = { ok: true, program, shader: compilePlaneShader(program) };
    }
  } catch (e) {
    m = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  models.set(tree, m);
  return m;
}
