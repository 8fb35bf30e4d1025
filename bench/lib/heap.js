// JS heap snapshots for the benchmarks: what the page's JS heap holds, split into data (objects,
// strings, arrays) and code (bytecode and the machine code V8 compiles while a page runs).
import { writeFile } from 'node:fs/promises';

/**
 * Takes a heap snapshot of the page behind `cdp` (after a forced GC) and sums the self size of its
 * JS objects: `data` (everything but code), `code` (bytecode, machine code and their metadata),
 * and `strings` (part of data). Blink's own objects (DOM, layout) are left out. With `file`, the
 * snapshot is also written there (open it in DevTools, or compare two with bench/heap-diff.js).
 *
 * @param {import('puppeteer-core').CDPSession} cdp
 * @param {string} [file]
 * @returns {Promise<{data: number, code: number, strings: number}>} bytes
 */
export async function heapBreakdown(cdp, file) {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const json = chunks.join('');
  if (file) await writeFile(file, json);
  const { snapshot, nodes } = JSON.parse(json);
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const result = { data: 0, code: 0, strings: 0 };
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]];
    const size = nodes[i + sizeAt];
    if (type === 'native' || type === 'synthetic') continue;
    if (type === 'code') result.code += size;
    else {
      result.data += size;
      if (type === 'string' || type === 'concatenated string' || type === 'sliced string') result.strings += size;
    }
  }
  return result;
}
