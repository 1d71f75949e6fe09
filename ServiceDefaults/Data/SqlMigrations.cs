using System.Reflection;

namespace Commerce.ServiceDefaults.Data;

/// <summary>An assembly whose embedded <c>.sql</c> resources are migrations of this service's database.</summary>
public sealed record SqlMigrations(Assembly ScriptsAssembly);
