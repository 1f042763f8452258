import type { Rule } from '../core/rule';
import composeBuildContextMissing from './compose/build-context-missing';
import composeCapDropAll from './compose/cap-drop-all';
import composeConflictingOptions from './compose/conflicting-options';
import composeDangerousCapability from './compose/dangerous-capability';
import composeDatabasePortExposed from './compose/database-port-exposed';
import composeDependsOnCycle from './compose/depends-on-cycle';
import composeDockerSocket from './compose/docker-socket';
import composeDuplicatePublishedPort from './compose/duplicate-published-port';
import composeEnvFileMissing from './compose/env-file-missing';
import composeExtendsUnresolved from './compose/extends-unresolved';
import composeHardenService from './compose/harden-service';
import composeHostDevice from './compose/host-device';
import composeHostNamespace from './compose/host-namespace';
import composeIncludeMissing from './compose/include-missing';
import composeInvalidContainerName from './compose/invalid-container-name';
import composeInvalidDocument from './compose/invalid-document';
import composeInvalidDuration from './compose/invalid-duration';
import composeInvalidHealthcheckTest from './compose/invalid-healthcheck-test';
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
import composeSecretWithoutSource from './compose/secret-without-source';
import composeSecurityOptDisabled from './compose/security-opt-disabled';
import composeSensitiveHostMount from './compose/sensitive-host-mount';
import composeUndefinedReference from './compose/undefined-reference';
import composeWaitForHealthy from './compose/wait-for-healthy';
import dockerfileAddInsteadOfCopy from './dockerfile/add-instead-of-copy';
import dockerfileApkNoCache from './dockerfile/apk-no-cache';
import dockerfileApkVersionUnpinned from './dockerfile/apk-version-unpinned';
import dockerfileAptGetUpgrade from './dockerfile/apt-get-upgrade';
import dockerfileAptGetYes from './dockerfile/apt-get-yes';
import dockerfileAptListsNotRemoved from './dockerfile/apt-lists-not-removed';
import dockerfileAptNoInstallRecommends from './dockerfile/apt-no-install-recommends';
import dockerfileAptNotAptGet from './dockerfile/apt-not-apt-get';
import dockerfileAptUpdateSeparate from './dockerfile/apt-update-separate';
import dockerfileAptVersionUnpinned from './dockerfile/apt-version-unpinned';
import dockerfileBashismInSh from './dockerfile/bashism-in-sh';
import dockerfileCdUnchecked from './dockerfile/cd-unchecked';
import dockerfileConsecutiveRun from './dockerfile/consecutive-run';
import dockerfileConsistentInstructionCasing from './dockerfile/consistent-instruction-casing';
import dockerfileCopyArchiveThenExtract from './dockerfile/copy-archive-then-extract';
import dockerfileCopyBeforeInstall from './dockerfile/copy-before-install';
import dockerfileCopyEntireFilesystem from './dockerfile/copy-entire-filesystem';
import dockerfileCopyFromUndefinedStage from './dockerfile/copy-from-undefined-stage';
import dockerfileCopyIgnoredFile from './dockerfile/copy-ignored-file';
import dockerfileCopyMultipleSourcesDir from './dockerfile/copy-multiple-sources-dir';
import dockerfileCopyRelativeWithoutWorkdir from './dockerfile/copy-relative-without-workdir';
import dockerfileDnfVersionUnpinned from './dockerfile/dnf-version-unpinned';
import dockerfileDockerignoreMissing from './dockerfile/dockerignore-missing';
import dockerfileDuplicateStageName from './dockerfile/duplicate-stage-name';
import dockerfileEnvSelfReference from './dockerfile/env-self-reference';
import dockerfileExposeInvalidFormat from './dockerfile/expose-invalid-format';
import dockerfileExposePortRange from './dockerfile/expose-port-range';
import dockerfileExposeProtoCasing from './dockerfile/expose-proto-casing';
import dockerfileExposeSshPort from './dockerfile/expose-ssh-port';
import dockerfileFromAsCasing from './dockerfile/from-as-casing';
import dockerfileFromPlatformFlagConstDisallowed from './dockerfile/from-platform-flag-const-disallowed';
import dockerfileGemVersionUnpinned from './dockerfile/gem-version-unpinned';
import dockerfileGoInstallVersionUnpinned from './dockerfile/go-install-version-unpinned';
import dockerfileHealthcheckToolMissing from './dockerfile/healthcheck-tool-missing';
import dockerfileInlineIgnorePragma from './dockerfile/inline-ignore-pragma';
import dockerfileInvalidBaseImagePlatform from './dockerfile/invalid-base-image-platform';
import dockerfileInvalidDefaultArgInFrom from './dockerfile/invalid-default-arg-in-from';
import dockerfileInvalidDefinitionDescription from './dockerfile/invalid-definition-description';
import dockerfileJsonArgs from './dockerfile/json-args';
import dockerfileLabelKeyInvalid from './dockerfile/label-key-invalid';
import dockerfileLabelSchema from './dockerfile/label-schema';
import dockerfileLegacyKeyValueFormat from './dockerfile/legacy-key-value-format';
import dockerfileMaintainerDeprecated from './dockerfile/maintainer-deprecated';
import dockerfileMissingHealthcheck from './dockerfile/missing-healthcheck';
import dockerfileMultipleInstructions from './dockerfile/multiple-instructions';
import dockerfileNoCdInRun from './dockerfile/no-cd-in-run';
import dockerfileNoEmptyContinuation from './dockerfile/no-empty-continuation';
import dockerfileNoLatestTag from './dockerfile/no-latest-tag';
import dockerfileNoRootUser from './dockerfile/no-root-user';
import dockerfileNoSudo from './dockerfile/no-sudo';
import dockerfileNpmVersionUnpinned from './dockerfile/npm-version-unpinned';
import dockerfileOnbuildTriggerInvalid from './dockerfile/onbuild-trigger-invalid';
import dockerfileParserDirective from './dockerfile/parser-directive';
import dockerfilePipNoCacheDir from './dockerfile/pip-no-cache-dir';
import dockerfilePipVersionUnpinned from './dockerfile/pip-version-unpinned';
import dockerfilePipeWithoutPipefail from './dockerfile/pipe-without-pipefail';
import dockerfilePointlessCommand from './dockerfile/pointless-command';
import dockerfileRedundantTargetPlatform from './dockerfile/redundant-target-platform';
import dockerfileReservedStageName from './dockerfile/reserved-stage-name';
import dockerfileRootHomeForNonRootUser from './dockerfile/root-home-for-non-root-user';
import dockerfileSecretsInArgEnv from './dockerfile/secrets-in-arg-env';
import dockerfileShellUnterminatedQuote from './dockerfile/shell-unterminated-quote';
import dockerfileShellViaLn from './dockerfile/shell-via-ln';
import dockerfileStageNameCasing from './dockerfile/stage-name-casing';
import dockerfileSyntaxError from './dockerfile/syntax-error';
import dockerfileTlsVerificationDisabled from './dockerfile/tls-verification-disabled';
import dockerfileToolchainInFinalStage from './dockerfile/toolchain-in-final-stage';
import dockerfileUndefinedArgInFrom from './dockerfile/undefined-arg-in-from';
import dockerfileUndefinedVar from './dockerfile/undefined-var';
import dockerfileUntrustedRegistry from './dockerfile/untrusted-registry';
import dockerfileUserNonNumeric from './dockerfile/user-non-numeric';
import dockerfileUseraddWithoutNoLogInit from './dockerfile/useradd-without-no-log-init';
import dockerfileWgetAndCurl from './dockerfile/wget-and-curl';
import dockerfileWgetProgress from './dockerfile/wget-progress';
import dockerfileWorkdirAbsolute from './dockerfile/workdir-absolute';
import dockerfileYarnCacheClean from './dockerfile/yarn-cache-clean';
import dockerfileYumDnfZypperClean from './dockerfile/yum-dnf-zypper-clean';
import dockerfileYumDnfZypperYes from './dockerfile/yum-dnf-zypper-yes';
import dockerfileYumVersionUnpinned from './dockerfile/yum-version-unpinned';
import dockerfileZypperDistUpgrade from './dockerfile/zypper-dist-upgrade';
import dockerfileZypperVersionUnpinned from './dockerfile/zypper-version-unpinned';
import kubernetesAutomountToken from './kubernetes/automount-token';
import kubernetesConfigmapSecret from './kubernetes/configmap-secret';
import kubernetesContainerName from './kubernetes/container-name';
import kubernetesContainerPorts from './kubernetes/container-ports';
import kubernetesDangerousCapabilities from './kubernetes/dangerous-capabilities';
import kubernetesDefaultNamespace from './kubernetes/default-namespace';
import kubernetesDefaultServiceAccount from './kubernetes/default-service-account';
import kubernetesDeprecatedApi from './kubernetes/deprecated-api';
import kubernetesDeprecatedServiceAccount from './kubernetes/deprecated-service-account';
import kubernetesDnsconfigOptions from './kubernetes/dnsconfig-options';
import kubernetesDockerSocket from './kubernetes/docker-socket';
import kubernetesDuplicateEnv from './kubernetes/duplicate-env';
import kubernetesEnvSecret from './kubernetes/env-secret';
import kubernetesExposedService from './kubernetes/exposed-service';
import kubernetesHostNamespaces from './kubernetes/host-namespaces';
import kubernetesHostPath from './kubernetes/host-path';
import kubernetesHostPort from './kubernetes/host-port';
import kubernetesHostProcess from './kubernetes/host-process';
import kubernetesHpaReplicas from './kubernetes/hpa-replicas';
import kubernetesHpaTarget from './kubernetes/hpa-target';
import kubernetesImagePullPolicy from './kubernetes/image-pull-policy';
import kubernetesImageTag from './kubernetes/image-tag';
import kubernetesIngressBackend from './kubernetes/ingress-backend';
import kubernetesIngressTls from './kubernetes/ingress-tls';
import kubernetesInvalidMetadata from './kubernetes/invalid-metadata';
import kubernetesInvalidPort from './kubernetes/invalid-port';
import kubernetesJobTtl from './kubernetes/job-ttl';
import kubernetesMissingProbes from './kubernetes/missing-probes';
import kubernetesMissingReference from './kubernetes/missing-reference';
import kubernetesMissingResources from './kubernetes/missing-resources';
import kubernetesMissingStartupProbe from './kubernetes/missing-startup-probe';
import kubernetesNetworkpolicyCoverage from './kubernetes/networkpolicy-coverage';
import kubernetesNetworkpolicySelector from './kubernetes/networkpolicy-selector';
import kubernetesNodeAffinity from './kubernetes/node-affinity';
import kubernetesOwnerEmail from './kubernetes/owner-email';
import kubernetesOwnerLabel from './kubernetes/owner-label';
import kubernetesPdbBudget from './kubernetes/pdb-budget';
import kubernetesPdbMinAvailable from './kubernetes/pdb-min-available';
import kubernetesPdbSelector from './kubernetes/pdb-selector';
import kubernetesPodSecurity from './kubernetes/pod-security';
import kubernetesPriorityClass from './kubernetes/priority-class';
import kubernetesPrivileged from './kubernetes/privileged';
import kubernetesProbePort from './kubernetes/probe-port';
import kubernetesProcMount from './kubernetes/proc-mount';
import kubernetesRbacClusterAdmin from './kubernetes/rbac-cluster-admin';
import kubernetesRbacSensitive from './kubernetes/rbac-sensitive';
import kubernetesRbacWildcard from './kubernetes/rbac-wildcard';
import kubernetesRequestsExceedLimits from './kubernetes/requests-exceed-limits';
import kubernetesRestartPolicy from './kubernetes/restart-policy';
import kubernetesRollingUpdate from './kubernetes/rolling-update';
import kubernetesSccPrivileged from './kubernetes/scc-privileged';
import kubernetesSchema from './kubernetes/schema';
import kubernetesSeccomp from './kubernetes/seccomp';
import kubernetesSecretBase64 from './kubernetes/secret-base64';
import kubernetesSecretFromEnv from './kubernetes/secret-from-env';
import kubernetesSecurityContext from './kubernetes/security-context';
import kubernetesSelectorMismatch from './kubernetes/selector-mismatch';
import kubernetesServiceSelector from './kubernetes/service-selector';
import kubernetesServicemonitorSelector from './kubernetes/servicemonitor-selector';
import kubernetesSingleReplica from './kubernetes/single-replica';
import kubernetesSortedKeys from './kubernetes/sorted-keys';
import kubernetesSpreadReplicas from './kubernetes/spread-replicas';
import kubernetesSyntaxError from './kubernetes/syntax-error';
import kubernetesUnsafeSysctls from './kubernetes/unsafe-sysctls';

/** Every rule, sorted by id. Generated by scripts/gen-rule-index.mjs; the meta test checks it. */
export const rules: readonly Rule[] = [
  composeBuildContextMissing,
  composeCapDropAll,
  composeConflictingOptions,
  composeDangerousCapability,
  composeDatabasePortExposed,
  composeDependsOnCycle,
  composeDockerSocket,
  composeDuplicatePublishedPort,
  composeEnvFileMissing,
  composeExtendsUnresolved,
  composeHardenService,
  composeHostDevice,
  composeHostNamespace,
  composeIncludeMissing,
  composeInvalidContainerName,
  composeInvalidDocument,
  composeInvalidDuration,
  composeInvalidHealthcheckTest,
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
  composeSecretWithoutSource,
  composeSecurityOptDisabled,
  composeSensitiveHostMount,
  composeUndefinedReference,
  composeWaitForHealthy,
  dockerfileAddInsteadOfCopy,
  dockerfileApkNoCache,
  dockerfileApkVersionUnpinned,
  dockerfileAptGetUpgrade,
  dockerfileAptGetYes,
  dockerfileAptListsNotRemoved,
  dockerfileAptNoInstallRecommends,
  dockerfileAptNotAptGet,
  dockerfileAptUpdateSeparate,
  dockerfileAptVersionUnpinned,
  dockerfileBashismInSh,
  dockerfileCdUnchecked,
  dockerfileConsecutiveRun,
  dockerfileConsistentInstructionCasing,
  dockerfileCopyArchiveThenExtract,
  dockerfileCopyBeforeInstall,
  dockerfileCopyEntireFilesystem,
  dockerfileCopyFromUndefinedStage,
  dockerfileCopyIgnoredFile,
  dockerfileCopyMultipleSourcesDir,
  dockerfileCopyRelativeWithoutWorkdir,
  dockerfileDnfVersionUnpinned,
  dockerfileDockerignoreMissing,
  dockerfileDuplicateStageName,
  dockerfileEnvSelfReference,
  dockerfileExposeInvalidFormat,
  dockerfileExposePortRange,
  dockerfileExposeProtoCasing,
  dockerfileExposeSshPort,
  dockerfileFromAsCasing,
  dockerfileFromPlatformFlagConstDisallowed,
  dockerfileGemVersionUnpinned,
  dockerfileGoInstallVersionUnpinned,
  dockerfileHealthcheckToolMissing,
  dockerfileInlineIgnorePragma,
  dockerfileInvalidBaseImagePlatform,
  dockerfileInvalidDefaultArgInFrom,
  dockerfileInvalidDefinitionDescription,
  dockerfileJsonArgs,
  dockerfileLabelKeyInvalid,
  dockerfileLabelSchema,
  dockerfileLegacyKeyValueFormat,
  dockerfileMaintainerDeprecated,
  dockerfileMissingHealthcheck,
  dockerfileMultipleInstructions,
  dockerfileNoCdInRun,
  dockerfileNoEmptyContinuation,
  dockerfileNoLatestTag,
  dockerfileNoRootUser,
  dockerfileNoSudo,
  dockerfileNpmVersionUnpinned,
  dockerfileOnbuildTriggerInvalid,
  dockerfileParserDirective,
  dockerfilePipNoCacheDir,
  dockerfilePipVersionUnpinned,
  dockerfilePipeWithoutPipefail,
  dockerfilePointlessCommand,
  dockerfileRedundantTargetPlatform,
  dockerfileReservedStageName,
  dockerfileRootHomeForNonRootUser,
  dockerfileSecretsInArgEnv,
  dockerfileShellUnterminatedQuote,
  dockerfileShellViaLn,
  dockerfileStageNameCasing,
  dockerfileSyntaxError,
  dockerfileTlsVerificationDisabled,
  dockerfileToolchainInFinalStage,
  dockerfileUndefinedArgInFrom,
  dockerfileUndefinedVar,
  dockerfileUntrustedRegistry,
  dockerfileUserNonNumeric,
  dockerfileUseraddWithoutNoLogInit,
  dockerfileWgetAndCurl,
  dockerfileWgetProgress,
  dockerfileWorkdirAbsolute,
  dockerfileYarnCacheClean,
  dockerfileYumDnfZypperClean,
  dockerfileYumDnfZypperYes,
  dockerfileYumVersionUnpinned,
  dockerfileZypperDistUpgrade,
  dockerfileZypperVersionUnpinned,
  kubernetesAutomountToken,
  kubernetesConfigmapSecret,
  kubernetesContainerName,
  kubernetesContainerPorts,
  kubernetesDangerousCapabilities,
  kubernetesDefaultNamespace,
  kubernetesDefaultServiceAccount,
  kubernetesDeprecatedApi,
  kubernetesDeprecatedServiceAccount,
  kubernetesDnsconfigOptions,
  kubernetesDockerSocket,
  kubernetesDuplicateEnv,
  kubernetesEnvSecret,
  kubernetesExposedService,
  kubernetesHostNamespaces,
  kubernetesHostPath,
  kubernetesHostPort,
  kubernetesHostProcess,
  kubernetesHpaReplicas,
  kubernetesHpaTarget,
  kubernetesImagePullPolicy,
  kubernetesImageTag,
  kubernetesIngressBackend,
  kubernetesIngressTls,
  kubernetesInvalidMetadata,
  kubernetesInvalidPort,
  kubernetesJobTtl,
  kubernetesMissingProbes,
  kubernetesMissingReference,
  kubernetesMissingResources,
  kubernetesMissingStartupProbe,
  kubernetesNetworkpolicyCoverage,
  kubernetesNetworkpolicySelector,
  kubernetesNodeAffinity,
  kubernetesOwnerEmail,
  kubernetesOwnerLabel,
  kubernetesPdbBudget,
  kubernetesPdbMinAvailable,
  kubernetesPdbSelector,
  kubernetesPodSecurity,
  kubernetesPriorityClass,
  kubernetesPrivileged,
  kubernetesProbePort,
  kubernetesProcMount,
  kubernetesRbacClusterAdmin,
  kubernetesRbacSensitive,
  kubernetesRbacWildcard,
  kubernetesRequestsExceedLimits,
  kubernetesRestartPolicy,
  kubernetesRollingUpdate,
  kubernetesSccPrivileged,
  kubernetesSchema,
  kubernetesSeccomp,
  kubernetesSecretBase64,
  kubernetesSecretFromEnv,
  kubernetesSecurityContext,
  kubernetesSelectorMismatch,
  kubernetesServiceSelector,
  kubernetesServicemonitorSelector,
  kubernetesSingleReplica,
  kubernetesSortedKeys,
  kubernetesSpreadReplicas,
  kubernetesSyntaxError,
  kubernetesUnsafeSysctls,
] as readonly Rule[];
