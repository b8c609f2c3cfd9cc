/**
 * Validators for the shipped JSON Schemas (draft 2020-12), compiled in
 * ajv's strict mode so a sloppy schema fails here before it fails a user.
 */
import fs from 'node:fs'
import path from 'node:path'
import {Ajv2020, type ErrorObject, type ValidateFunction} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import {repoRoot} from '../../helpers/build.js'

export const schemaDir = path.join(repoRoot, 'schema')

function load(name: string): object {
  return JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8')) as object
}

const ajv = new Ajv2020({strict: true, allowUnionTypes: true, allErrors: true})
// ajv-formats is CommonJS; under NodeNext its typed default is the module, whose `default` is the plugin.
addFormats.default(ajv)

export const validateDocument: ValidateFunction = ajv.compile(load('document.schema.json'))
export const validateIndex: ValidateFunction = ajv.compile(load('index.schema.json'))

/** Readable errors (`/sections/0/id must be null`) for assertion messages. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('\n')
}
