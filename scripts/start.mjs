#!/usr/bin/env node
// `npm start`: open the desktop window when Electron's binary is installed; otherwise (or with
// --browser) serve the same app in browser mode. Never tries to download the binary.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const bin = path.join(dist, rel);
  return fs.existsSync(bin) ? bin : null;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

const binary = args.includes('--browser') ? null : electronBinary();
if (binary) {
  run(binary, [path.join(root, 'dist', 'electron', 'main.cjs'), ...args]);
} else {
  if (!args.includes('--browser')) {
    console.log("Electron's desktop runtime is not installed on this machine; starting Painopiste in browser mode instead.");
  }
  run(process.execPath, [path.join(root, 'dist', 'node', 'browser.js'), ...args.filter((a) => a !== '--browser')]);
}
