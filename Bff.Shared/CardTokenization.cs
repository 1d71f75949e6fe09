using Commerce.Payments.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Shared;

/// <summary>What exchanging card details for a token came to: the token, Payments' refusal (a field to fix), or no Payments.</summary>
public abstract record CardTokenizationOutcome
{
    public sealed record Tokenized(CardTokenDto Card) : CardTokenizationOutcome;

    /// <summary>Payments refused the details (4xx): pass it on with <see cref="PassedOnRefusal"/>.</summary>
    public sealed record Refused(ApiException Refusal) : CardTokenizationOutcome;

    public sealed record PaymentsUnavailable : CardTokenizationOutcome;
}

/// <summary>
/// Card details go to Payments and nowhere else: nothing here keeps them, and nothing logged carries them (Refit's
/// exceptions hold the request, so only the status and the kind of fault are logged).
/// </summary>
public sealed class CardTokenization(IPaymentsApi payments, IOptions<BffTimeouts> timeouts, ILogger<CardTokenization> logger)
{
    public async Task<CardTokenizationOutcome> TokenizeAsync(TokenizeCardRequest card, CancellationToken cancellationToken)
    {
        try
        {
            var response = await DownstreamFaults.WithinAsync(
                timeouts.Value.Payments, token => payments.TokenizeCardAsync(card, token), cancellationToken);
            if (response is { IsSuccessStatusCode: true, Content: { } tokenized })
            {
                return new CardTokenizationOutcome.Tokenized(tokenized);
            }

            if (response is { StatusCode: >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError, Error: ApiException refusal })
            {
                return new CardTokenizationOutcome.Refused(refusal);
            }

            logger.LogWarning("Payments answered {StatusCode} ({Fault}) to a tokenization", (int?)response.StatusCode, response.Error?.GetType().Name);
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning("Payments could not tokenize a card ({Fault})", exception.GetType().Name);
        }

        return new CardTokenizationOutcome.PaymentsUnavailable();
    }
}
