/** The pricing family's front door: elasticity estimation and the guarded price optimiser. */
export { trainElasticity, elasticityFromJSON, ElasticityModel } from './elasticity.js';
export type { ElasticityData, ElasticityEstimate, ElasticityOptions, PriceObservation } from './elasticity.js';
export { optimisePrice, profitAt, quantityAt } from './optimiser.js';
export type { Binding, Guardrails, PriceDecision, PriceProblem } from './optimiser.js';
