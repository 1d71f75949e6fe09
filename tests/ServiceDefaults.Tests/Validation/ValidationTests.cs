using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.ServiceDefaults.Tests.Validation;

public sealed class ValidationTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invalid_request_is_a_400_keyed_by_the_JSON_path_and_never_reaches_the_handler()
    {
        var handled = 0;
        await using var app = await TestApp.StartAsync(
            builder => builder.Services.AddSingleton<IValidator<Basket>, BasketValidator>(),
            endpoints => endpoints.MapPost("/baskets", (Basket basket) =>
            {
                Interlocked.Increment(ref handled);
                return TypedResults.Ok();
            }).WithValidation<Basket>());

        var response = await app.GetTestClient().PostAsJsonAsync(
            "/baskets", new Basket("", [new BasketLine(1, 2), new BasketLine(2, 0)]), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order();
        Assert.Equal(["customerName", "lines[1].quantity"], fields);
        Assert.Equal(0, handled);
    }

    [Fact]
    public async Task A_valid_request_reaches_the_handler()
    {
        await using var app = await TestApp.StartAsync(
            builder => builder.Services.AddSingleton<IValidator<Basket>, BasketValidator>(),
            endpoints => endpoints.MapPost("/baskets", (Basket basket) => TypedResults.Ok(basket.Lines.Count)).WithValidation<Basket>());

        var response = await app.GetTestClient().PostAsJsonAsync("/baskets", new Basket("Ada", [new BasketLine(1, 2)]), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await response.Content.ReadFromJsonAsync<int>(Cancellation));
    }

    public sealed record Basket(string CustomerName, IReadOnlyList<BasketLine> Lines);

    public sealed record BasketLine(int ProductId, int Quantity);

    private sealed class BasketValidator : AbstractValidator<Basket>
    {
        public BasketValidator()
        {
            RuleFor(basket => basket.CustomerName).NotEmpty();
            RuleForEach(basket => basket.Lines).ChildRules(line => line.RuleFor(l => l.Quantity).InclusiveBetween(1, 99));
        }
    }
}
