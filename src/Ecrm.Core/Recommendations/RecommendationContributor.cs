namespace Ecrm.Recommendations;

/// <summary>Adds what to recommend next (<see cref="RecommendationOptions.In360"/> items, when above 0) to the customer 360.</summary>
internal sealed class RecommendationContributor(RecommendationService recommendations) : ICustomer360Contributor
{
    public async ValueTask<Customer360> ContributeAsync(Customer360 view, CancellationToken cancellationToken)
        => recommendations.In360 > 0
            ? view with { Recommendations = await recommendations.RecommendAsync(view.Profile.Id, recommendations.In360, cancellationToken).ConfigureAwait(false) }
            : view;
}
