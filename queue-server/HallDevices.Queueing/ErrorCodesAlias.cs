// The refusal codes are part of the public contract and live there (HallDevices.Contracts, pure
// records and constants, no I/O); the engine names them as ErrorCodes.X like every client does.
global using ErrorCodes = HallDevices.Contracts.ErrorCodes;
