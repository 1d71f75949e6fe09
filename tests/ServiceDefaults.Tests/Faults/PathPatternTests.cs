using Commerce.ServiceDefaults.Faults;
using Microsoft.AspNetCore.Http;

namespace Commerce.ServiceDefaults.Tests.Faults;

public sealed class PathPatternTests
{
    [Theory]
    [InlineData("/orders", "/orders", true)]
    [InlineData("/orders", "/ORDERS", true)]
    [InlineData("/Orders", "/orders/", true)]
    [InlineData("/orders", "/orders/1", false)]
    [InlineData("/orders/1", "/orders", false)]
    [InlineData("/orders", "/order", false)]
    [InlineData("/reservations/*/commit", "/reservations/8d7f4a52/commit", true)]
    [InlineData("/reservations/*/commit", "/reservations/commit", false)]
    [InlineData("/reservations/*/commit", "/reservations/a/b/commit", false)]
    [InlineData("/reservations/*/commit", "/reservations/a/release", false)]
    [InlineData("/payments/**", "/payments", true)]
    [InlineData("/payments/**", "/payments/1", true)]
    [InlineData("/payments/**", "/payments/1/capture", true)]
    [InlineData("/payments/**", "/payment-tokens", false)]
    [InlineData("/*/capture/**", "/payments/capture/now", true)]
    [InlineData("/*/capture/**", "/payments/1/capture", false)]
    [InlineData("/*/*/capture/**", "/payments/1/capture", true)]
    [InlineData("/**", "/", true)]
    [InlineData("/**", "/anything/at/all", true)]
    public void A_path_is_matched_segment_by_segment_ignoring_case(string pattern, string path, bool matches) =>
        Assert.Equal(matches, PathPattern.Parse(pattern).Matches(new PathString(path)));

    [Theory]
    [InlineData("/payments/**", null)]
    [InlineData("/**", null)]
    [InlineData("/reservations/*/commit", null)]
    [InlineData("payments", "A path starts with '/'.")]
    [InlineData("/a/**/b", "'**' can only be the last segment of a path.")]
    public void Only_a_final_double_star_is_allowed(string pattern, string? problem) =>
        Assert.Equal(problem, PathPattern.ProblemWith(pattern));
}
