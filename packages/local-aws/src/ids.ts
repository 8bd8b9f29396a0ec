/** The local account, region and ARNs (the ASL files and handlers see these instead of AWS's). */
export const LOCAL_REGION = 'local';
export const LOCAL_ACCOUNT = '000000000000';
/** The partition of the local ARNs (the ASL files name none themselves). */
export const LOCAL_PARTITION = 'aws';

export const localFunctionArn = (id: string) =>
  `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${id}`;
export const localStateMachineArn = (id: string) =>
  `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${id}`;
