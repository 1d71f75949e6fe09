using Microsoft.AspNetCore.Http.Metadata;

namespace Commerce.Bff.Web.Components;

/// <summary>
/// A page that explains its own 404 or 503 in its body: status code pages must neither replace that body nor make the
/// renderer drop it in favour of a re-execution.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OwnStatusPageAttribute : Attribute, ISkipStatusCodePagesMetadata;
