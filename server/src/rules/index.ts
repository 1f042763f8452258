import type { Rule } from '../core/rule';
import composeBuildContextMissing from './compose/build-context-missing';
import composeCapDropAll from './compose/cap-drop-all';
import composeDangerousCapability from './compose/dangerous-capability';
import composeDatabasePortExposed from './compose/database-port-exposed';
import composeDependsOnCycle from './compose/depends-on-cycle';
import composeDockerSocket from './compose/docker-socket';
import composeDuplicatePublishedPort from './compose/duplicate-published-port';
import composeHardenService from './compose/harden-service';
import composeHostDevice from './compose/host-device';
import composeHostNamespace from './compose/host-namespace';
import composeInvalidDuration from './compose/invalid-duration';
import composeInvalidInterpolation from './compose/invalid-interpolation';
import composeInvalidPort from './compose/invalid-port';
import composeInvalidSize from './compose/invalid-size';
import composeLogRotation from './compose/log-rotation';
import composeMissingHealthcheck from './compose/missing-healthcheck';
import composeMissingImage from './compose/missing-image';
import composeMountPropagation from './compose/mount-propagation';
import composeNoLatestTag from './compose/no-latest-tag';
import composeNoNewPrivileges from './compose/no-new-privileges';
import composeNonRootUser from './compose/non-root-user';
import composeObsoleteVersion from './compose/obsolete-version';
import composePlaintextSecret from './compose/plaintext-secret';
import composePortAllInterfaces from './compose/port-all-interfaces';
import composePrivileged from './compose/privileged';
import composeReadOnlyRoot from './compose/read-only-root';
import composeResourceLimits from './compose/resource-limits';
import composeRestartPolicy from './compose/restart-policy';
import composeRootUser from './compose/root-user';
import composeSchema from './compose/schema';
import composeSecurityOptDisabled from './compose/security-opt-disabled';
import composeSensitiveHostMount from './compose/sensitive-host-mount';
import composeUndefinedReference from './compose/undefined-reference';
import composeWaitForHealthy from './compose/wait-for-healthy';
import dockerfileAddInsteadOfCopy from './dockerfile/add-instead-of-copy';
import dockerfileApkNoCache from './dockerfile/apk-no-cache';
import dockerfileAptGetYes from './dockerfile/apt-get-yes';
import dockerfileAptListsNotRemoved from './dockerfile/apt-lists-not-removed';
import dockerfileAptNoInstallRecommends from './dockerfile/apt-no-install-recommends';
import dockerfileAptUpdateSeparate from './dockerfile/apt-update-separate';
import dockerfileCopyBeforeInstall from './dockerfile/copy-before-install';
import dockerfileCopyFromUndefinedStage from './dockerfile/copy-from-undefined-stage';
import dockerfileDockerignoreMissing from './dockerfile/dockerignore-missing';
import dockerfileDuplicateStageName from './dockerfile/duplicate-stage-name';
import dockerfileHealthcheckToolMissing from './dockerfile/healthcheck-tool-missing';
import dockerfileJsonArgs from './dockerfile/json-args';
import dockerfileMaintainerDeprecated from './dockerfile/maintainer-deprecated';
import dockerfileMissingHealthcheck from './dockerfile/missing-healthcheck';
import dockerfileMultipleInstructions from './dockerfile/multiple-instructions';
import dockerfileNoCdInRun from './dockerfile/no-cd-in-run';
import dockerfileNoLatestTag from './dockerfile/no-latest-tag';
import dockerfileNoRootUser from './dockerfile/no-root-user';
import dockerfileNoSudo from './dockerfile/no-sudo';
import dockerfilePipNoCacheDir from './dockerfile/pip-no-cache-dir';
import dockerfileRootHomeForNonRootUser from './dockerfile/root-home-for-non-root-user';
import dockerfileSecretsInArgEnv from './dockerfile/secrets-in-arg-env';
import dockerfileSyntaxError from './dockerfile/syntax-error';
import dockerfileToolchainInFinalStage from './dockerfile/toolchain-in-final-stage';
import dockerfileWorkdirAbsolute from './dockerfile/workdir-absolute';
import kubernetesDeprecatedApi from './kubernetes/deprecated-api';
import kubernetesDockerSocket from './kubernetes/docker-socket';
import kubernetesEnvSecret from './kubernetes/env-secret';
import kubernetesHostNamespaces from './kubernetes/host-namespaces';
import kubernetesHpaTarget from './kubernetes/hpa-target';
import kubernetesImageTag from './kubernetes/image-tag';
import kubernetesIngressTls from './kubernetes/ingress-tls';
import kubernetesMissingProbes from './kubernetes/missing-probes';
import kubernetesMissingResources from './kubernetes/missing-resources';
import kubernetesMissingStartupProbe from './kubernetes/missing-startup-probe';
import kubernetesPrivileged from './kubernetes/privileged';
import kubernetesProbePort from './kubernetes/probe-port';
import kubernetesRequestsExceedLimits from './kubernetes/requests-exceed-limits';
import kubernetesSchema from './kubernetes/schema';
import kubernetesSecretBase64 from './kubernetes/secret-base64';
import kubernetesSecurityContext from './kubernetes/security-context';
import kubernetesSelectorMismatch from './kubernetes/selector-mismatch';
import kubernetesServiceSelector from './kubernetes/service-selector';
import kubernetesSingleReplica from './kubernetes/single-replica';
import kubernetesSyntaxError from './kubernetes/syntax-error';

/** Every rule, sorted by id. Generated by scripts/gen-rule-index.mjs; the meta test checks it. */
export const rules: readonly Rule[] = [
  composeBuildContextMissing,
  composeCapDropAll,
  composeDangerousCapability,
  composeDatabasePortExposed,
  composeDependsOnCycle,
  composeDockerSocket,
  composeDuplicatePublishedPort,
  composeHardenService,
  composeHostDevice,
  composeHostNamespace,
  composeInvalidDuration,
  composeInvalidInterpolation,
  composeInvalidPort,
  composeInvalidSize,
  composeLogRotation,
  composeMissingHealthcheck,
  composeMissingImage,
  composeMountPropagation,
  composeNoLatestTag,
  composeNoNewPrivileges,
  composeNonRootUser,
  composeObsoleteVersion,
  composePlaintextSecret,
  composePortAllInterfaces,
  composePrivileged,
  composeReadOnlyRoot,
  composeResourceLimits,
  composeRestartPolicy,
  composeRootUser,
  composeSchema,
  composeSecurityOptDisabled,
  composeSensitiveHostMount,
  composeUndefinedReference,
  composeWaitForHealthy,
  dockerfileAddInsteadOfCopy,
  dockerfileApkNoCache,
  dockerfileAptGetYes,
  dockerfileAptListsNotRemoved,
  dockerfileAptNoInstallRecommends,
  dockerfileAptUpdateSeparate,
  dockerfileCopyBeforeInstall,
  dockerfileCopyFromUndefinedStage,
  dockerfileDockerignoreMissing,
  dockerfileDuplicateStageName,
  dockerfileHealthcheckToolMissing,
  dockerfileJsonArgs,
  dockerfileMaintainerDeprecated,
  dockerfileMissingHealthcheck,
  dockerfileMultipleInstructions,
  dockerfileNoCdInRun,
  dockerfileNoLatestTag,
  dockerfileNoRootUser,
  dockerfileNoSudo,
  dockerfilePipNoCacheDir,
  dockerfileRootHomeForNonRootUser,
  dockerfileSecretsInArgEnv,
  dockerfileSyntaxError,
  dockerfileToolchainInFinalStage,
  dockerfileWorkdirAbsolute,
  kubernetesDeprecatedApi,
  kubernetesDockerSocket,
  kubernetesEnvSecret,
  kubernetesHostNamespaces,
  kubernetesHpaTarget,
  kubernetesImageTag,
  kubernetesIngressTls,
  kubernetesMissingProbes,
  kubernetesMissingResources,
  kubernetesMissingStartupProbe,
  kubernetesPrivileged,
  kubernetesProbePort,
  kubernetesRequestsExceedLimits,
  kubernetesSchema,
  kubernetesSecretBase64,
  kubernetesSecurityContext,
  kubernetesSelectorMismatch,
  kubernetesServiceSelector,
  kubernetesSingleReplica,
  kubernetesSyntaxError,
] as readonly Rule[];
