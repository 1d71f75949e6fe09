using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commerce.Identity.Api.Pages;

public sealed class IndexModel : PageModel;
