namespace Ecrm.Insights;

/// <summary>Adds the insight (points, ledger, tier, scores, segments with reasons) to the customer 360.</summary>
internal sealed class InsightContributor(ICustomerInsights insights) : ICustomer360Contributor
{
    public async ValueTask<Customer360> ContributeAsync(Customer360 view, CancellationToken cancellationToken)
        => view with { Insight = await insights.GetAsync(view.Profile.Id, cancellationToken).ConfigureAwait(false) };
}
