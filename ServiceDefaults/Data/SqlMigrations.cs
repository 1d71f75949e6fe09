using System.Reflection;

namespace Commerce.ServiceDefaults.Data;

/// <summary>The assembly whose embedded <c>.sql</c> resources are this service's schema migrations.</summary>
public sealed record SqlMigrations(Assembly ScriptsAssembly);
