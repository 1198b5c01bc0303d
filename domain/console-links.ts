/**
 * Where the console shows each thing a mail is about: the path to put after PUBLIC_BASE_URL. A mail
 * links to a page people read, never to the JSON API; the console asks for sign-in first when needed
 * and then lands on the page the link named.
 */
const seg = encodeURIComponent;

export const consolePath = {
  contract: (contractId: string) => `/console/contracts/${seg(contractId)}`,
  rectification: (orderId: string) => `/console/rectifications/${seg(orderId)}`,
  evaluation: (evaluationId: string) => `/console/evaluations/${seg(evaluationId)}`,
  cycleEvaluations: (cycleId: string) => `/console/evaluations?cycleId=${seg(cycleId)}`,
  cycle: (cycleId: string) => `/console/cycles/${seg(cycleId)}`,
  tasks: () => '/console/tasks',
};
