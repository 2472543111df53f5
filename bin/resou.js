#!/usr/bin/env node
// Launcher for `npx resou …`: registers tsx's loader in this process, then runs the
// TypeScript entry point. No build step; tsx is a runtime dependency.
import { register } from "tsx/esm/api";

register();
await import(new URL("../src/cli/resou.ts", import.meta.url).href);
