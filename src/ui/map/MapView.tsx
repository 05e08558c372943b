/**
 * The Map screen (`#map`): how the constructions build on each other, derived from the compiler's rules table and
 * its exp/log lowering table (core: eml/compiler/constructionGraph.ts) in the map worker, drawn by MapCanvas. The
 * worker sends the graph, then each node's K per mode as it compiles them; a status line says how far it is.
 * Leaving the screen cancels the work (useMapData).
 */
import { MapCanvas } from './MapCanvas.tsx';
import { useMapData, type MapData } from './useMapData.ts';
import './map.css';

function progressText(data: MapData): string {
  switch (data.status) {
    case 'loading':
      return 'Building the map…';
    case 'failed':
      return `The map could not be built: ${data.reason}. Reload the page to try again.`;
    case 'filling':
      return `K per mode: ${data.done} of ${data.total} constructions computed…`;
    case 'done':
      return `K per mode of all ${data.total} constructions computed.`;
  }
}

export function MapView() {
  const data = useMapData();
  return (
    <main className="map-screen" data-map-state={data.status}>
      <div className="map-head">
        <h2 id="map-title">Map of constructions</h2>
        <p className="map-help">
          Each construction of the compiler's rules table, below the ones its template uses (from the constant 1 at the
          top), and below them the functions paper mode lowers through their exp/log forms (sin, cos, …). A node shows
          its own K (operands x, y) and the K of the same value in each compile mode. Hover or focus a node to light
          what it uses (<span className="map-key map-key-uses">uses</span>) and what uses it (
          <span className="map-key map-key-users">used by</span>); click it or press Enter to open it in the playground.
          Drag or pinch to pan and zoom.
        </p>
        <p className="map-progress" role="status">
          {progressText(data)}
        </p>
      </div>
      {(data.status === 'filling' || data.status === 'done') && <MapCanvas graph={data.graph} sizes={data.sizes} />}
    </main>
  );
}
