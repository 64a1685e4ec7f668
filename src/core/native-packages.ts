/** Native packages kept out of the bundles, with the exact versions installed into the tool cache when absent. */
export const NATIVE_PACKAGES = {
  'onnxruntime-node': '1.30.0',
  '@duckdb/node-api': '1.5.6-r.1',
} as const;

export type NativePackage = keyof typeof NATIVE_PACKAGES;
