// Part of scripts/build-release: removes the linker's relocation sections ("linking",
// "reloc.*") from wasm modules, in place. The build links with --emit-relocs for the
// splitter; the splitter drops them from the modules it writes, but a module that does not go
// through it (the optimiser's worker; the main module with SPLIT=0) would keep megabytes of
// them, which neither wasm-bindgen nor wasm-opt removes.
//   node scripts/strip-relocs.mjs <file.wasm>...
import fs from 'node:fs';

for (const file of process.argv.slice(2)) {
  const buf = fs.readFileSync(file);
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error(`strip-relocs: ${file} is not a wasm module`);
  const keep = [buf.subarray(0, 8)];
  let p = 8;
  const leb = () => { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
  while (p < buf.length) {
    const start = p;
    const id = buf[p++];
    const len = leb();
    const end = p + len;
    let drop = false;
    if (id === 0) {
      const nameLen = leb();
      const name = buf.toString('utf8', p, p + nameLen);
      drop = name === 'linking' || name.startsWith('reloc.');
    }
    if (!drop) keep.push(buf.subarray(start, end));
    p = end;
  }
  fs.writeFileSync(file, Buffer.concat(keep));
}
