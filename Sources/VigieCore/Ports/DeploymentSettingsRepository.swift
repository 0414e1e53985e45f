/// Where the installation's own settings are kept.
public protocol DeploymentSettingsRepository: Sendable {
    /// The current settings, `Deployment.unconfigured` when never set.
    func deployment() throws -> Deployment
    /// Replaces the settings.
    func save(_ deployment: Deployment) throws
}
