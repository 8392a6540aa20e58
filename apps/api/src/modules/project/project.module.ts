/** The Party-building project ledger module (党建项目台账). */
export { projectEntities, projectResolvers } from './project.resolver.js';
