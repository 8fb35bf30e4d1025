// What the JS heap gained between two heap snapshots of the same page (V8 keeps object ids across
// snapshots of one session): the objects of the second that the first did not have, summed by
// type and constructor, and by what holds them.
//
// Take the snapshots with a bench's --heap-detail=1 --heap-snapshot=<prefix>, then:
//   node bench/heap-diff.js <before.heapsnapshot> <after.heapsnapshot> [--top=30] [--depth=3]
//
// "Held by" walks from each new object to the GC roots along the shortest path (weak edges left
// out) and names the nearest holder that is an instance of a named class (not a plain Object,
// Array, closure context or system object), with the edges from it to the new object. Native
// (Blink) objects are left out of the sums, as in bench/lib/heap.js.
import { readFile } from 'node:fs/promises';
import { readOptions } from './lib/options.js';

const USAGE = `
heap-diff: the objects a heap snapshot has that an earlier one of the same page did not, by type
and constructor, and by the nearest named object holding them.
Usage: node bench/heap-diff.js <before.heapsnapshot> <after.heapsnapshot> [options]`;

const SPEC = {
  top: { default: 30, help: 'rows per table' },
  depth: { default: 1, help: 'named holders shown per "held by" row (nearest first)' },
};

const PLAIN = new Set(['Object', 'Array', 'system / Context', '(system)', 'Window', 'global']);

async function load(file) {
  const { snapshot, nodes, edges, strings } = JSON.parse(await readFile(file, 'utf8'));
  const meta = snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const at = (list, name) => list.indexOf(name);
  const n = {
    type: at(meta.node_fields, 'type'),
    name: at(meta.node_fields, 'name'),
    id: at(meta.node_fields, 'id'),
    size: at(meta.node_fields, 'self_size'),
    edges: at(meta.node_fields, 'edge_count'),
  };
  const e = {
    type: at(meta.edge_fields, 'type'),
    name: at(meta.edge_fields, 'name_or_index'),
    to: at(meta.edge_fields, 'to_node'),
  };
  const count = nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, edge = 0; i < count; i++) {
    firstEdge[i] = edge;
    edge += nodes[i * nf + n.edges] * ef;
  }
  firstEdge[count] = edges.length;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  return {
    count,
    id: (i) => nodes[i * nf + n.id],
    type: (i) => nodeTypes[nodes[i * nf + n.type]],
    name: (i) => strings[nodes[i * nf + n.name]],
    size: (i) => nodes[i * nf + n.size],
    *edgesOf(i) {
      for (let k = firstEdge[i]; k < firstEdge[i + 1]; k += ef) {
        const type = edgeTypes[edges[k + e.type]];
        const raw = edges[k + e.name];
        const name = type === 'element' || type === 'hidden' ? `[${raw}]` : strings[raw];
        yield { type, name, to: edges[k + e.to] / nf };
      }
    },
  };
}

/** Shortest path parents from the root (node 0), weak edges left out. */
function parents(heap) {
  const parent = new Int32Array(heap.count).fill(-1);
  const via = new Array(heap.count);
  parent[0] = 0;
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head];
    for (const edge of heap.edgesOf(from)) {
      if (edge.type === 'weak' || parent[edge.to] !== -1) continue;
      parent[edge.to] = from;
      via[edge.to] = edge.name;
      queue.push(edge.to);
    }
  }
  return { parent, via };
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function print(title, map, top) {
  const rows = [...map.entries()].sort((a, b) => b[1].size - a[1].size);
  const total = rows.reduce((sum, [, v]) => sum + v.size, 0);
  console.log(`\n${title} (total ${kB(total)})`);
  for (const [key, v] of rows.slice(0, top)) {
    console.log(`  ${kB(v.size).padStart(9)}  ${String(v.count).padStart(6)}  ${key}`);
  }
}

async function main() {
  const files = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  process.argv = process.argv.filter((arg) => !files.includes(arg));
  const options = readOptions(USAGE, SPEC);
  if (files.length !== 2) {
    console.error(USAGE.trim());
    process.exit(2);
  }
  const [before, after] = await Promise.all(files.map(load));
  const old = new Set();
  for (let i = 0; i < before.count; i++) old.add(before.id(i));
  const { parent, via } = parents(after);
  const byType = new Map();
  const byHolder = new Map();
  const byEntry = new Map();
  const add = (map, key, size) => {
    const v = map.get(key) ?? { size: 0, count: 0 };
    v.size += size;
    v.count += 1;
    map.set(key, v);
  };
  let unreachable = 0;
  for (let i = 0; i < after.count; i++) {
    if (old.has(after.id(i))) continue;
    const type = after.type(i);
    if (type === 'native' || type === 'synthetic' || type === 'code') continue;
    const size = after.size(i);
    const name = after.name(i);
    add(byType, `${type}: ${type === 'string' || type === 'concatenated string' ? '(text)' : name.slice(0, 60)}`, size);
    if (parent[i] === -1) {
      unreachable += size;
      continue;
    }
    // Walk up to the nearest named holders, keeping the edge names on the way.
    const chain = [];
    let path = '';
    for (let at = i; at !== 0 && chain.length < options.depth; at = parent[at]) {
      const holder = parent[at];
      path = `.${via[at]}${path}`;
      const t = after.type(holder);
      const holderName = after.name(holder);
      if ((t === 'object' && !PLAIN.has(holderName) && !holderName.startsWith('system')) || holder === 0) {
        chain.push(`${holder === 0 ? '(root)' : holderName.slice(0, 40)}${path}`);
        path = '';
      }
    }
    // The first new object on the path from the roots, and the old object that points to it.
    let entry = i;
    const native = (at) => ['native', 'synthetic'].includes(after.type(at));
    while (parent[entry] !== 0 && !old.has(after.id(parent[entry])) && !native(parent[entry])) entry = parent[entry];
    const holder = parent[entry];
    add(
      byEntry,
      `${holder === 0 ? '(root)' : after.name(holder).slice(0, 50)} -${via[entry]}-> ${after.type(entry)} ${after.name(entry).slice(0, 30)}`.replace(
        /\s+/g,
        ' ',
      ),
      size,
    );
    const what = type === 'string' || type === 'concatenated string' || type === 'sliced string' ? `(${type})` : name;
    const key = `${what.slice(0, 24)} <- ${chain.join(' <- ')}`;
    add(
      byHolder,
      key
        .replace(/\s+/g, ' ')
        .replace(/\[\d+\]/g, '[]')
        .replace(/ @\d+/g, ''),
      size,
    );
  }
  console.log(`new objects in ${files[1]} (not in ${files[0]}); code and native objects left out`);
  print('by type: constructor (self size, count)', byType, options.top);
  print('by holder: object <- nearest named holders with the path from each (self size, count)', byHolder, options.top);
  print(
    'by entry: the old object a new one hangs from, the edge, the first new object (self size of all below)',
    byEntry,
    options.top,
  );
  if (unreachable) console.log(`\nnot reachable from the roots without weak edges: ${kB(unreachable)}`);
}

await main();
