/**
 * The result cards' export buttons. Each card lists its exports as entries (a new export is one entry); the text
 * is made only when its button is pressed.
 */
import { download } from './download.ts';

export interface ExportEntry {
  label: string;
  file: string;
  text: () => string;
  /** MIME type; plain text when absent. */
  type?: string;
}

export function ExportButtons({ exports }: { exports: readonly ExportEntry[] }) {
  return exports.map((e) => (
    <button key={e.file} type="button" onClick={() => download(e.file, e.text(), e.type)}>
      {e.label}
    </button>
  ));
}
