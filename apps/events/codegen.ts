import { frontEndCodegen } from '@tongxin/graphql-client/codegen';

export default frontEndCodegen();
