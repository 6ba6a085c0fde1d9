// The package's per-direction builds are declared in its `exports` alone, which moduleResolution "node" does not read.
declare module 'opencc-js/t2cn' {
  export { Converter } from 'opencc-js';
}
