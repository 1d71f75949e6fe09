using Commerce.Identity.Api.Accounts;
using Commerce.Identity.Api.Data;
using Commerce.Identity.Api.Domain;
using Commerce.Identity.Api.Oidc;
using Commerce.Identity.Api.Pages.Account;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Identity.Api;

public static class Extensions
{
    public const string DatabaseName = "identitydb";

    public static IHostApplicationBuilder AddIdentityProvider(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<IdentityDb>(DatabaseName, configureDbContextOptions: database => database.UseOpenIddict());
        // Hosted services start in registration order: the schema before anything reads it (Data Protection loads its
        // key ring from this database at start-up), then the clients and demo customers that live in it.
        builder.Services.AddHostedService<IdentityDatabaseMigrator>();
        builder.Services.AddHostedService<ClientRegistrationSeeder>();
        builder.Services.AddHostedService<DemoCustomerSeeder>();
        builder.Services.AddOptions<IdentityProviderOptions>()
            .BindConfiguration(IdentityProviderOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddIdentityCore<Customer>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase needs no digit or symbol.
                identity.Password.RequiredLength = RegisterForm.MinimumPasswordLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/sign-in";
            cookie.LogoutPath = OpenIddictSetup.EndSessionPath;
            cookie.Cookie.Name = "commerce-identity";
            cookie.Cookie.HttpOnly = true;
            // Lax, not Strict: the customer arrives here by a top-level redirect from the BFF and must be recognised.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        builder.Services.AddDataProtection().SetApplicationName("commerce-identity").PersistKeysToDbContext<IdentityDb>();

        builder.Services.AddSingleton<DecoyPassword>();
        builder.Services.AddScoped<CustomerCredentials>();
        builder.Services.AddSignInRateLimiting();
        builder.Services.AddMobileAppCors();
        builder.Services.AddRazorPages();
        builder.AddOpenIddictServer();
        return builder;
    }
}
