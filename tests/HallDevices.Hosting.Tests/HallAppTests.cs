using HallDevices.Hosting;
using Microsoft.Extensions.Options;

namespace HallDevices.Hosting.Tests;

public class HallAppTests
{
    [Fact]
    public void The_body_s_exit_code_is_returned_and_nothing_is_written()
    {
        using var error = new StringWriter();

        var code = HallApp.Run("kiosk", () => 7, error: error);

        Assert.Equal(7, code);
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void An_options_validation_error_exits_2_with_the_app_name_and_message_and_no_stack_trace()
    {
        using var error = new StringWriter();
        var failure = new OptionsValidationException("Mqtt", typeof(object), ["Mqtt:Port must be 1-65535."]);

        var code = HallApp.Run("kiosk", () => throw failure, error: error);

        Assert.Equal(2, code);
        Assert.Equal($"kiosk: {failure.Message}{Environment.NewLine}", error.ToString());
        Assert.DoesNotContain(" at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_the_app_names_a_configuration_error_exits_2()
    {
        using var error = new StringWriter();

        var code = HallApp.Run(
            "queue-server",
            () => throw new FormatException("hall file: sample.json: services[3].queue: unknown queue 'X'"),
            e => e is FormatException,
            error);

        Assert.Equal(2, code);
        Assert.Equal($"queue-server: hall file: sample.json: services[3].queue: unknown queue 'X'{Environment.NewLine}", error.ToString());
    }

    [Fact]
    public void Any_other_exception_propagates_and_nothing_is_written()
    {
        using var error = new StringWriter();
        var bug = new InvalidOperationException("a bug");

        var thrown = Assert.Throws<InvalidOperationException>(() => HallApp.Run("display", () => throw bug, e => e is FormatException, error));

        Assert.Same(bug, thrown);
        Assert.Equal("", error.ToString());
    }
}
