import type { TestProject } from "vitest/node";
import { prepareTemplate } from "./test-database";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await prepareTemplate();
  project.provide("databaseTemplate", template.location);
  return template.remove;
}
