// `import path from "./x.png" with { type: "file" }`: Bun gives the file's path, embedded in the
// compiled binary (read it with readFileSync; see demo/images.ts).
declare module "*.png" {
  const path: string;
  export default path;
}
