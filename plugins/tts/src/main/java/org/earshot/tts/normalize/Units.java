package org.earshot.tts.normalize;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Units of measure written after a number ("5 km", "60 km/h"), with their singular and plural names. */
public final class Units {

    /**
     * One unit symbol.
     *
     * @param symbol   as written, case-sensitive ("km", "MB", "°C")
     * @param singular after exactly 1 ("kilometer")
     * @param plural   after any other number ("kilometers"; "1.0 km" is plural too)
     */
    public record Unit(String symbol, String singular, String plural) {
    }

    /** The units the kit knows, American spelling ("meter"). "in" (inch) is left out: it is usually the word "in". */
    public static final List<Unit> ALL = List.of(
            new Unit("km/h", "kilometer per hour", "kilometers per hour"),
            new Unit("m/s", "meter per second", "meters per second"),
            new Unit("mph", "mile per hour", "miles per hour"),
            new Unit("km", "kilometer", "kilometers"), new Unit("cm", "centimeter", "centimeters"),
            new Unit("mm", "millimeter", "millimeters"), new Unit("m", "meter", "meters"),
            new Unit("mi", "mile", "miles"), new Unit("ft", "foot", "feet"),
            new Unit("kg", "kilogram", "kilograms"), new Unit("mg", "milligram", "milligrams"),
            new Unit("g", "gram", "grams"), new Unit("lbs", "pound", "pounds"), new Unit("lb", "pound", "pounds"),
            new Unit("oz", "ounce", "ounces"), new Unit("ml", "milliliter", "milliliters"),
            new Unit("l", "liter", "liters"), new Unit("L", "liter", "liters"),
            new Unit("h", "hour", "hours"), new Unit("hr", "hour", "hours"), new Unit("hrs", "hour", "hours"),
            new Unit("min", "minute", "minutes"), new Unit("ms", "millisecond", "milliseconds"),
            new Unit("s", "second", "seconds"), new Unit("sec", "second", "seconds"),
            new Unit("kHz", "kilohertz", "kilohertz"), new Unit("MHz", "megahertz", "megahertz"),
            new Unit("GHz", "gigahertz", "gigahertz"), new Unit("Hz", "hertz", "hertz"),
            new Unit("kB", "kilobyte", "kilobytes"), new Unit("MB", "megabyte", "megabytes"),
            new Unit("GB", "gigabyte", "gigabytes"), new Unit("TB", "terabyte", "terabytes"),
            new Unit("dB", "decibel", "decibels"), new Unit("kW", "kilowatt", "kilowatts"),
            new Unit("W", "watt", "watts"), new Unit("V", "volt", "volts"),
            new Unit("°C", "degree celsius", "degrees celsius"), new Unit("°F", "degree fahrenheit", "degrees fahrenheit"),
            new Unit("°", "degree", "degrees"));

    private Units() {
    }

    /** @return the unit written {@code symbol} */
    public static Unit of(String symbol) {
        return ALL.stream().filter(u -> u.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown unit '" + symbol + "'"));
    }

    /** @return a regular-expression alternation of the symbols, longest first so "km/h" wins over "km" */
    static String alternation() {
        return ALL.stream().map(Unit::symbol).sorted(Comparator.comparingInt(String::length).reversed())
                .map(java.util.regex.Pattern::quote).collect(Collectors.joining("|"));
    }
}
