namespace Ecrm.Loyalty;

/// <summary>A redemption asked for more points than the customer holds; nothing was recorded.</summary>
public sealed class InsufficientPointsException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="requested">The points asked for.</param>
    /// <param name="balance">The balance.</param>
    public InsufficientPointsException(string customerId, long requested, long balance)
        : base($"Redemption for {customerId}: expected at most {balance} points (the balance), received a request for {requested}.")
    {
        CustomerId = customerId;
        Requested = requested;
        Balance = balance;
    }

    /// <summary>Gets the customer.</summary>
    public string CustomerId { get; }

    /// <summary>Gets the points asked for.</summary>
    public long Requested { get; }

    /// <summary>Gets the balance at the time of the request.</summary>
    public long Balance { get; }
}
