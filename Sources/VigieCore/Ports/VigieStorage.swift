/// Everything Vigie keeps, as one port: the embedded SQLite store and a PostgreSQL store both provide it.
public typealias VigieStorage = SourceRegistry & IncidentRepository & QuarantineRepository & DistrictRepository
    & AgendaRepository & DeploymentSettingsRepository & WeatherRepository & RetentionEnforcer
    & AccountRepository & AuditLog & APITokenRepository & CitizenRequestRepository
