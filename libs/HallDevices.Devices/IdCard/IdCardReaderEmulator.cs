namespace HallDevices.Devices.IdCard;

/// <summary>
/// The card-reader end of the SAM protocol, pure: feed it the bytes a host wrote and it returns the
/// reply frames a reader would send. Used by the device simulator and by round-trip tests.
/// </summary>
/// <remarks>
/// Follows the find → select → read sequence: select needs a found card and read a selected one,
/// and a completed read ends the sequence so the next card cycle starts with find again. While a
/// card lies on the reader every find succeeds (some readers fail finds after a read instead; the
/// driver copes with both).
/// </remarks>
public sealed class IdCardReaderEmulator
{
    private readonly SamFrameDecoder _decoder = new();
    private long _seenChecksumErrors;
    private long _seenLengthErrors;
    private bool _found;
    private bool _selected;
    private IdCardData? _card;
    private byte[]? _readPayload;

    /// <summary>The card on the reader, or <see langword="null"/> when the field is empty.</summary>
    public IdCardData? Card => _card;

    /// <summary>Puts a card on the reader (replacing any card that was there).</summary>
    public void PlaceCard(IdCardData card)
    {
        ArgumentNullException.ThrowIfNull(card);
        _card = card;
        _readPayload = IdCardReadReply.Build(IdCardTextBlock.Build(card.Text), card.Photo);
        _found = _selected = false;
    }

    /// <summary>Takes the card away.</summary>
    public void RemoveCard()
    {
        _card = null;
        _readPayload = null;
        _found = _selected = false;
    }

    /// <summary>Consumes bytes from the host and returns zero or more complete reply frames.</summary>
    public IReadOnlyList<byte[]> Feed(ReadOnlySpan<byte> incoming)
    {
        _decoder.Append(incoming);
        var replies = new List<byte[]>();
        while (true)
        {
            bool got = _decoder.TryReadFrame(out byte[] body);
            // A reader answers a corrupted frame with a status, so report rejections in order.
            if (_decoder.ChecksumErrors != _seenChecksumErrors)
            {
                _seenChecksumErrors = _decoder.ChecksumErrors;
                replies.Add(SamReply.Create(SamStatus.ChecksumError).ToFrame());
            }

            if (_decoder.LengthErrors != _seenLengthErrors)
            {
                _seenLengthErrors = _decoder.LengthErrors;
                replies.Add(SamReply.Create(SamStatus.LengthError).ToFrame());
            }

            if (!got)
            {
                return replies;
            }

            var request = SamRequest.FromBody(body);
            replies.Add((request is null ? SamReply.Create(SamStatus.LengthError) : Respond(request)).ToFrame());
        }
    }

    /// <summary>Produces the reply to one request, updating the find/select state.</summary>
    public SamReply Respond(SamRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = request.Command;
        if (command == SamCommand.Reset || command == SamCommand.SamStatus)
        {
            return SamReply.Create(SamStatus.Success);
        }

        if (command == SamCommand.FindCard)
        {
            _found = _card is not null;
            _selected = false;
            return _found ? SamReply.Create(SamStatus.CardFound, 0, 0, 0, 0) : SamReply.Create(SamStatus.FindFailed);
        }

        if (command == SamCommand.SelectCard)
        {
            _selected = _found && _card is not null;
            return _selected ? SamReply.Create(SamStatus.Success, new byte[8]) : SamReply.Create(SamStatus.SelectFailed);
        }

        if (command == SamCommand.ReadTextAndPhoto)
        {
            if (!_selected || _readPayload is null)
            {
                return SamReply.Create(SamStatus.ReadFailed);
            }

            _found = _selected = false;
            return SamReply.Create(SamStatus.Success, _readPayload);
        }

        return SamReply.Create(SamStatus.CommandError);
    }
}
