using Commerce.AppHost.Tests;
using Commerce.Faults.Tests.Invariants;
using Temporalio.Client;

namespace Commerce.Faults.Tests;

/// <summary>
/// The whole system as the fault matrix runs it: local mode, every service's fault switches on
/// (<c>--Commerce:Faults=true</c>: ServiceDefaults/README.md), and a short grace period, so a saga reaches its later
/// steps soon enough to be interrupted there. It keeps the matrix's report and writes it when the run ends.
/// </summary>
public sealed class FaultMatrixSystem : LocalAppHost
{
    /// <summary>Long enough to fault a saga while it waits (cancel mid-saga), short enough for fifty orders to finish soon.</summary>
    public static readonly TimeSpan MatrixGracePeriod = TimeSpan.FromSeconds(4);

    public override TimeSpan SagaGracePeriod => MatrixGracePeriod;

    protected override IEnumerable<string> Settings => ["--Commerce:Faults=true"];

    public MatrixReport Report { get; } = new();

    /// <summary>What the invariants compare stock with: set once the system is up, moved by a test that restocks.</summary>
    public StockLedger Stock { get; } = new();

    private WebShopper? _shopper;
    private TemporalClient? _temporal;
    private string? _approvedCard;

    /// <summary>The demo customer, signed in at the storefront once for the whole matrix.</summary>
    public async Task<WebShopper> ShopperAsync() => _shopper ??= await WebShopper.SignInAsync(this);

    /// <summary>The token of the always-approved test card, saved once through the storefront.</summary>
    public async Task<string> ApprovedCardAsync() =>
        _approvedCard ??= await (await ShopperAsync()).SaveCardAsync(WebShopper.ApprovedCard);

    /// <summary>A client of the system's Temporal server, as an operator's tools connect.</summary>
    public async Task<TemporalClient> TemporalAsync() =>
        _temporal ??= await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(TemporalAddress) { Namespace = "default" });

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Stock.OpenAsync(this);
    }

    public override async ValueTask DisposeAsync()
    {
        Report.Write();
        _shopper?.Dispose();
        await base.DisposeAsync();
    }
}
