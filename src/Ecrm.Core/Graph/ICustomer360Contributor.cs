namespace Ecrm;

/// <summary>
/// Adds a part to every customer 360 the graph returns (and to exports): the insights engine adds points, tier,
/// scores and segments; recommendations add what to recommend next. The graph knows only this interface, so it depends
/// on none of them. Contributors run in registration order, each given the view the previous one returned.
/// </summary>
public interface ICustomer360Contributor
{
    /// <summary>Returns the view with this contributor's part added (<c>view with { ... }</c>).</summary>
    /// <param name="view">The 360 so far.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The view with the part added, or <paramref name="view"/> unchanged.</returns>
    ValueTask<Customer360> ContributeAsync(Customer360 view, CancellationToken cancellationToken);
}
