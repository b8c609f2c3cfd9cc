// Worker entry when quire runs from its TypeScript sources (its own tests):
// jiti compiles worker.ts and what it imports, as it does for TS configs.
import {createJiti} from 'jiti'

const jiti = createJiti(import.meta.url)
const worker = await jiti.import(new URL('./worker.ts', import.meta.url).href)

export default worker.default
