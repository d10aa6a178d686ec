/**
 * The field names of the Kubernetes v1.36 API types Podscape simulates, as their JSON names
 * (k8s.io/api core/v1, apps/v1, batch/v1, policy/v1 and scheduling/v1 types.go, and
 * apimachinery's meta/v1 ObjectMeta and LabelSelector): what the API server's strict field
 * validation knows (unknown-fields.ts). Data only, loaded with the import (the worker's code).
 *
 * Each type lists its fields, space-separated: `name` is a leaf (a scalar, a list of scalars,
 * a map with keys of the user's own such as labels, or a struct this table does not open),
 * `name:Type` a struct or a list of structs of another type in the table.
 *
 * Simplifications: `status` is not opened (the system writes it); the volume sources other
 * than the five common ones (configMap, secret, emptyDir, persistentVolumeClaim, hostPath),
 * `dataSource`/`dataSourceRef` and a few rare structs (windowsOptions, seLinuxOptions,
 * fieldsV1) are leaves, so typos inside them are not reported.
 */
export const TYPES: Readonly<Record<string, string>> = {
  // apimachinery meta/v1
  ObjectMeta:
    'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences:OwnerReference finalizers managedFields:ManagedFieldsEntry',
  OwnerReference: 'apiVersion kind name uid controller blockOwnerDeletion',
  ManagedFieldsEntry: 'manager operation apiVersion time fieldsType fieldsV1 subresource',
  LabelSelector: 'matchLabels matchExpressions:Requirement',
  Requirement: 'key operator values',

  // core/v1: the pod
  PodTemplateSpec: 'metadata:ObjectMeta spec:PodSpec',
  PodSpec:
    'volumes:Volume initContainers:Container containers:Container ephemeralContainers:EphemeralContainer restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext:PodSecurityContext imagePullSecrets:Name hostname subdomain affinity:Affinity schedulerName tolerations:Toleration hostAliases:HostAlias priorityClassName priority dnsConfig:PodDNSConfig readinessGates:ReadinessGate runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints:TopologySpreadConstraint setHostnameAsFQDN os:Name hostUsers schedulingGates:Name resourceClaims:PodResourceClaim resources:ResourceRequirements hostnameOverride workloadRef',
  Name: 'name',
  HostAlias: 'ip hostnames',
  PodDNSConfig: 'nameservers searches options:NameValue',
  NameValue: 'name value',
  ReadinessGate: 'conditionType',
  PodResourceClaim: 'name resourceClaimName resourceClaimTemplateName',
  PodSecurityContext:
    'seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot supplementalGroups supplementalGroupsPolicy fsGroup sysctls:NameValue fsGroupChangePolicy seccompProfile:Profile appArmorProfile:Profile seLinuxChangePolicy',
  Profile: 'type localhostProfile',
  Container:
    'name image command args workingDir ports:ContainerPort envFrom:EnvFromSource env:EnvVar resources:ResourceRequirements resizePolicy:ResizePolicy restartPolicy restartPolicyRules:RestartRule volumeMounts:VolumeMount volumeDevices:VolumeDevice livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext:SecurityContext stdin stdinOnce tty',
  EphemeralContainer:
    'name image command args workingDir ports:ContainerPort envFrom:EnvFromSource env:EnvVar resources:ResourceRequirements resizePolicy:ResizePolicy restartPolicy restartPolicyRules:RestartRule volumeMounts:VolumeMount volumeDevices:VolumeDevice livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext:SecurityContext stdin stdinOnce tty targetContainerName',
  ContainerPort: 'name hostPort containerPort protocol hostIP',
  EnvFromSource: 'prefix configMapRef:OptionalRef secretRef:OptionalRef',
  OptionalRef: 'name optional',
  EnvVar: 'name value valueFrom:EnvVarSource',
  EnvVarSource: 'fieldRef:FieldRef resourceFieldRef:ResourceFieldRef configMapKeyRef:KeyRef secretKeyRef:KeyRef fileKeyRef:FileKeyRef',
  FieldRef: 'apiVersion fieldPath',
  ResourceFieldRef: 'containerName resource divisor',
  KeyRef: 'name key optional',
  FileKeyRef: 'volumeName path key optional',
  ResourceRequirements: 'limits requests claims:ResourceClaim',
  ResourceClaim: 'name request',
  ResizePolicy: 'resourceName restartPolicy',
  RestartRule: 'action exitCodes:ExitCodes',
  ExitCodes: 'operator values',
  VolumeMount: 'name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr',
  VolumeDevice: 'name devicePath',
  Probe:
    'exec:Exec httpGet:HTTPGet tcpSocket:TCPSocket grpc:GRPC initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds',
  Exec: 'command',
  HTTPGet: 'path port host scheme httpHeaders:NameValue',
  TCPSocket: 'port host',
  GRPC: 'port service',
  Lifecycle: 'postStart:LifecycleHandler preStop:LifecycleHandler stopSignal',
  LifecycleHandler: 'exec:Exec httpGet:HTTPGet tcpSocket:TCPSocket sleep:Sleep',
  Sleep: 'seconds',
  SecurityContext:
    'capabilities:Capabilities privileged seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount seccompProfile:Profile appArmorProfile:Profile',
  Capabilities: 'add drop',
  Volume:
    'name hostPath:HostPath emptyDir:EmptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret:SecretVolume nfs iscsi glusterfs persistentVolumeClaim:PVCVolume rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap:ConfigMapVolume vsphereVolume quobyte azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos csi ephemeral image',
  HostPath: 'path type',
  EmptyDir: 'medium sizeLimit',
  SecretVolume: 'secretName items:KeyPath defaultMode optional',
  ConfigMapVolume: 'name items:KeyPath defaultMode optional',
  KeyPath: 'key path mode',
  PVCVolume: 'claimName readOnly',
  Affinity: 'nodeAffinity:NodeAffinity podAffinity:PodAffinity podAntiAffinity:PodAffinity',
  NodeAffinity: 'requiredDuringSchedulingIgnoredDuringExecution:NodeSelector preferredDuringSchedulingIgnoredDuringExecution:PreferredTerm',
  NodeSelector: 'nodeSelectorTerms:NodeSelectorTerm',
  NodeSelectorTerm: 'matchExpressions:Requirement matchFields:Requirement',
  PreferredTerm: 'weight preference:NodeSelectorTerm',
  PodAffinity: 'requiredDuringSchedulingIgnoredDuringExecution:PodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution:WeightedPodAffinityTerm',
  PodAffinityTerm: 'labelSelector:LabelSelector namespaces topologyKey namespaceSelector:LabelSelector matchLabelKeys mismatchLabelKeys',
  WeightedPodAffinityTerm: 'weight podAffinityTerm:PodAffinityTerm',
  Toleration: 'key operator value effect tolerationSeconds',
  TopologySpreadConstraint: 'maxSkew topologyKey whenUnsatisfiable labelSelector:LabelSelector minDomains nodeAffinityPolicy nodeTaintsPolicy matchLabelKeys',

  // core/v1: nodes and claims
  NodeSpec: 'podCIDR podCIDRs providerID unschedulable taints:Taint configSource externalID',
  Taint: 'key value effect timeAdded',
  PersistentVolumeClaim: 'apiVersion kind metadata:ObjectMeta spec:PersistentVolumeClaimSpec status',
  PersistentVolumeClaimSpec: 'accessModes selector:LabelSelector resources:VolumeResourceRequirements volumeName storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName',
  VolumeResourceRequirements: 'limits requests',

  // apps/v1
  DeploymentSpec: 'replicas selector:LabelSelector template:PodTemplateSpec strategy:DeploymentStrategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds',
  DeploymentStrategy: 'type rollingUpdate:RollingUpdate',
  RollingUpdate: 'maxUnavailable maxSurge',
  ReplicaSetSpec: 'replicas minReadySeconds selector:LabelSelector template:PodTemplateSpec',
  DaemonSetSpec: 'selector:LabelSelector template:PodTemplateSpec updateStrategy:DaemonSetUpdateStrategy minReadySeconds revisionHistoryLimit',
  DaemonSetUpdateStrategy: 'type rollingUpdate:RollingUpdate',
  StatefulSetSpec:
    'replicas selector:LabelSelector template:PodTemplateSpec volumeClaimTemplates:PersistentVolumeClaim serviceName podManagementPolicy updateStrategy:StatefulSetUpdateStrategy revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy:RetentionPolicy ordinals:Ordinals',
  StatefulSetUpdateStrategy: 'type rollingUpdate:StatefulSetRollingUpdate',
  StatefulSetRollingUpdate: 'partition maxUnavailable',
  RetentionPolicy: 'whenDeleted whenScaled',
  Ordinals: 'start',

  // batch/v1
  JobSpec:
    'parallelism completions activeDeadlineSeconds podFailurePolicy:PodFailurePolicy successPolicy:SuccessPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes selector:LabelSelector manualSelector template:PodTemplateSpec ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy',
  CronJobSpec:
    'schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate:JobTemplateSpec successfulJobsHistoryLimit failedJobsHistoryLimit',
  JobTemplateSpec: 'metadata:ObjectMeta spec:JobSpec',
  PodFailurePolicy: 'rules:PodFailurePolicyRule',
  PodFailurePolicyRule: 'action onExitCodes:OnExitCodes onPodConditions:OnPodCondition',
  OnExitCodes: 'containerName operator values',
  OnPodCondition: 'type status',
  SuccessPolicy: 'rules:SuccessPolicyRule',
  SuccessPolicyRule: 'succeededIndexes succeededCount',

  // policy/v1
  PodDisruptionBudgetSpec: 'minAvailable selector:LabelSelector maxUnavailable unhealthyPodEvictionPolicy',
};

/** The checked kinds: `apiVersion kind` → the object's fields (a TYPES entry's syntax). */
export const KINDS: Readonly<Record<string, string>> = {
  'v1 Pod': 'apiVersion kind metadata:ObjectMeta spec:PodSpec status',
  'v1 Node': 'apiVersion kind metadata:ObjectMeta spec:NodeSpec status',
  'apps/v1 Deployment': 'apiVersion kind metadata:ObjectMeta spec:DeploymentSpec status',
  'apps/v1 ReplicaSet': 'apiVersion kind metadata:ObjectMeta spec:ReplicaSetSpec status',
  'apps/v1 DaemonSet': 'apiVersion kind metadata:ObjectMeta spec:DaemonSetSpec status',
  'apps/v1 StatefulSet': 'apiVersion kind metadata:ObjectMeta spec:StatefulSetSpec status',
  'batch/v1 Job': 'apiVersion kind metadata:ObjectMeta spec:JobSpec status',
  'batch/v1 CronJob': 'apiVersion kind metadata:ObjectMeta spec:CronJobSpec status',
  'policy/v1 PodDisruptionBudget': 'apiVersion kind metadata:ObjectMeta spec:PodDisruptionBudgetSpec status',
  'scheduling.k8s.io/v1 PriorityClass': 'apiVersion kind metadata:ObjectMeta value globalDefault description preemptionPolicy',
};
