Console.WriteLine("Jackpot.Reactive samples");
