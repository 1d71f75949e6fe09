using System.Reflection;

namespace Commerce.Messaging.Migrations;

/// <summary>An assembly whose embedded <c>.sql</c> resources are migrations of this service's database.</summary>
internal sealed record SqlMigrations(Assembly ScriptsAssembly);
