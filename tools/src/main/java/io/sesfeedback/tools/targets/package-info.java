/**
 * Where an operator command works: the local store, or a deployed stack. {@code Target} opens one
 * from {@code TargetOptions} and is made of what it does: {@code Stack} (found through
 * CloudFormation, named by --stack or --env in samconfig.toml), its {@code StackOutputs} (table,
 * log group, topic, queues) and {@code StackParameters} (over template.yaml's defaults, and the
 * store policy they give the recorder through {@code RecorderFunction}), {@code LocalStoreTarget},
 * and the AWS clients ({@code AwsClients} builds them, {@code OpenClients} closes them). {@code
 * EveryEnvironment} opens one target per {@code Environment} of samconfig.toml ({@code
 * Environments}: each with its profile and region) for {@code --all}; {@code StackAlarms} are a
 * stack's alarms by template.yaml's names.
 */
package io.sesfeedback.tools.targets;
