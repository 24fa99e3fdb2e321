// Part of scripts/build-release: `wasm-opt -Oz` on many modules (the main module and every
// chunk of the split, hundreds of them) in two Node processes with binaryen's JS API (the
// same binaryen 132 as node_modules/binaryen/bin/wasm-opt), instead of one Node start per
// file (which spent most of the build starting Node).
//
//   node scripts/wasm-opt-all.mjs <file.wasm>...     (each rewritten in place)
import { fork } from 'node:child_process';
import fs from 'node:fs';
import binaryen from 'binaryen';

const optimise = (file) => {
  const module = binaryen.readBinary(fs.readFileSync(file));
  // What the module's target_features section allows (as the wasm-opt command does).
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2); // -Oz
  module.optimize();
  if (!module.validate()) throw new Error(`wasm-opt-all: ${file} does not validate after optimising`);
  fs.writeFileSync(file, module.emitBinary());
  module.dispose();
};

if (process.env.WASM_OPT_WORKER) {
  process.on('message', (files) => {
    for (const f of files) optimise(f);
    process.exit(0);
  });
} else {
  const files = process.argv.slice(2);
  const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
  const results = await Promise.all(halves.filter((h) => h.length).map((half) => new Promise((resolve) => {
    const child = fork(new URL(import.meta.url).pathname, [], { env: { ...process.env, WASM_OPT_WORKER: '1' } });
    child.send(half);
    child.on('exit', (code) => resolve(code));
  })));
  if (results.some((c) => c !== 0)) {
    console.error('wasm-opt-all: optimising failed');
    process.exit(1);
  }
  console.log(`wasm-opt-all: ${files.length} module(s) optimised (-Oz)`);
}
