// Which result message answers which request: the pairing declared in contracts/contract.json.
export { RESULT_FOR_REQUEST as RESULT_TYPE_OF } from '../../src/contracts/index.ts';
