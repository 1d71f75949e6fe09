using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Commerce.Bff.Web.Client;

public static class StorefrontRenderModes
{
    /// <summary>
    /// A part of a server-rendered page that runs in the browser. Not prerendered: everything such a part shows lives
    /// in the browser (the cart) or needs the customer's session there, so the server has nothing to render for it,
    /// and its page around it is already complete.
    /// </summary>
    public static readonly IComponentRenderMode Island = new InteractiveWebAssemblyRenderMode(prerender: false);
}
