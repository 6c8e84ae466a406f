// Runs a state machine definition in-process with aws-local-stepfunctions, answering every Task state from a
// scripted scenario, and prints one JSON line: {status, output|error+cause, calls:[{state, input}]}.
// Usage: NODE_OPTIONS="--require ./polyfill.cjs" node run-asl.mjs <definition.asl.json> <scenario.json>
// Scenario: {"input": {...}, "tasks": {"<StateName>": [step, ...]}}; each call of a Task state consumes the next step
// (the last one repeats). A step is {"result": {...}} (returned as the task result), {"merge": {...}} (the task input
// with these fields overwritten) or {"error": "Name", "cause": "..."} (the task throws an error of that name).
import { readFileSync } from 'node:fs';
import { StateMachine, ExecutionError } from 'aws-local-stepfunctions';

const [definitionPath, scenarioPath] = process.argv.slice(2);
if (!definitionPath || !scenarioPath) {
  console.error('usage: node run-asl.mjs <definition.asl.json> <scenario.json>');
  process.exit(64);
}

// Apply DefinitionSubstitutions the way SAM does, with fake Lambda ARNs (tasks are answered locally anyway).
const definition = JSON.parse(readFileSync(definitionPath, 'utf8').replace(
  /\$\{(\w+)\}/g, (_, name) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`));
const scenario = JSON.parse(readFileSync(scenarioPath, 'utf8'));
const calls = [];
const handlers = {};
const waitOverrides = {};
const retryOverrides = {};

for (const [name, state] of Object.entries(definition.States)) {
  if (state.Type === 'Wait') waitOverrides[name] = 0;
  if (state.Type !== 'Task') continue;
  retryOverrides[name] = 0;
  const steps = scenario.tasks?.[name] ?? [];
  let next = 0;
  handlers[name] = async (input) => {
    calls.push({ state: name, input });
    const step = steps[Math.min(next++, steps.length - 1)];
    if (!step) throw Object.assign(new Error(`scenario has no step for task ${name}`), { name: 'ScenarioError' });
    if (step.error) {
      const err = new Error(step.cause ?? step.error);
      err.name = step.error;
      throw err;
    }
    return step.merge ? { ...input, ...step.merge } : step.result;
  };
}

const machine = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });
const execution = machine.run(scenario.input ?? {}, {
  overrides: {
    taskResourceLocalHandlers: handlers,
    waitTimeOverrides: waitOverrides,
    retryIntervalOverrides: retryOverrides,
  },
});

try {
  const output = await execution.result;
  console.log(JSON.stringify({ status: 'SUCCEEDED', output, calls }));
} catch (e) {
  const failure = e instanceof ExecutionError && e.cause ? e.cause : e;
  console.log(JSON.stringify({
    status: 'FAILED',
    error: failure?.name ?? String(failure),
    cause: failure?.message ?? '',
    calls,
  }));
}
