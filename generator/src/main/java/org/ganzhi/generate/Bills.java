package org.ganzhi.generate;

import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Persona;

import static org.ganzhi.generate.LandingFormat.money;

/**
 * The subscriber's monthly bills into billing, on their bill cycle day. A bill draws from a
 * stream of its own, keyed by the month it is for. A shock bill may bring a complaint; any bill
 * may bring a survey.
 */
final class Bills {
    /** Columns of billing this simulation fills, in the order of the column indexes below. */
    static final String[] COLUMNS = {"bill_id", "msisdn", "cycle", "plan_id", "voice_charge", "data_charge",
            "vas_charge", "roaming_charge", "overage_charge", "discount", "total_due", "issue_date", "due_date",
            "paid_date", "paid_amount", "disputed"};

    private final SimulatedSubscriber sub;
    private final GeneratorSettings s;
    private final BillingSettings settings;
    private final DayCalendar calendar;
    private final Rng billRng = new Rng();
    private final SourceRow row;
    private final ComplaintTickets tickets;
    private final Surveys surveys;

    Bills(SimulatedSubscriber sub, LandingLines lines, ComplaintTickets tickets, Surveys surveys) {
        this.sub = sub;
        this.s = sub.s;
        this.settings = sub.s.billing;
        this.calendar = sub.calendar;
        this.row = new SourceRow(lines, COLUMNS, sub.out);
        this.tickets = tickets;
        this.surveys = surveys;
    }

    /**
     * The bill for the cycle before the issue day's month. Usage comes from the subscriber's
     * expected use; overage from use above the allowance; a shock bill (mostly BILLING cause) has
     * an unexpected value-added charge of one to three monthly fees and is sometimes disputed.
     */
    void bill(int issueDay) {
        SubscriberProfile p = sub.p;
        billRng.reseed(sub.seed, Rng.BILL, p.index, calendar.previousMonthIndex(issueDay));
        Rng b = billRng;
        PlanSpec plan = p.plan;
        PersonaSettings ps = p.behaviour;
        double usageMb = p.dataMbPerDay * 30 * b.lognormal(1, 0.25);
        double usageMinutes = p.voiceMinutesPerDay * 30 * b.lognormal(1, 0.25);
        if (p.persona == Persona.PRICE && p.cause != Cause.PRODUCT) {
            usageMb = Math.min(usageMb, plan.dataMb() * 0.97);
            usageMinutes = Math.min(usageMinutes, plan.voiceMin() * 0.97);
        }
        double dataOverage = Math.max(0, usageMb - plan.dataMb()) / 1024 * settings.dataOveragePerGb;
        double voiceOverage = Math.max(0, usageMinutes - plan.voiceMin()) * settings.voiceOveragePerMin;
        double vas = p.persona == Persona.PRODUCT || b.chance(0.5) ? ps.vasCharge * b.lognormal(1, 0.5) : 0;
        double roaming = b.chance(settings.billRoamingShare) ? b.uniform(10, 200) : 0;
        boolean shock = b.chance(settings.billShockShare[p.cause.ordinal()]);
        if (shock) {
            vas += plan.fee() * b.uniform(1, 3);
        }
        double fee = plan.fee();
        double discount = p.enterprise ? fee * 0.2 : b.chance(ps.discountShare) ? fee * b.uniform(0.1, 0.3) : 0;
        double voiceCharge = plan.voiceMin() > 0 ? fee * 0.3 : 0;
        double dataCharge = fee - voiceCharge;
        double overage = dataOverage + voiceOverage;
        double total = Math.max(0, cents(voiceCharge) + cents(dataCharge) + cents(vas) + cents(roaming) + cents(overage)
                - cents(discount));
        boolean disputed = shock ? b.chance(settings.shockDisputeShare) : b.chance(0.002);
        int dueDay = issueDay + settings.dueDays;
        int exportDay = dueDay + settings.exportDelayDays;
        String paidDate = null;
        String paidAmount = null;
        if (plan.prepaid()) {
            paidDate = calendar.date(issueDay);
            paidAmount = money(total);
        } else {
            int payment = b.pick(settings.paymentCumulative);
            if (disputed && b.chance(0.6)) {
                payment = 3;
            }
            switch (payment) {
                case 0 -> {
                    paidDate = calendar.date(issueDay + b.between(0, settings.dueDays));
                    paidAmount = money(total);
                }
                case 1 -> {
                    paidDate = calendar.date(dueDay + b.between(1, Math.max(1, settings.exportDelayDays)));
                    paidAmount = money(total);
                }
                case 2 -> {
                    paidDate = calendar.date(issueDay + b.between(0, settings.dueDays));
                    paidAmount = money(total * b.uniform(0.3, 0.9));
                }
                default -> {
                }
            }
        }
        if (row.on()) {
            row.clear();
            row.set(0, sub.ids.id("bl", p.index, calendar.previousMonthIndex(issueDay)));
            row.set(1, p.national);
            row.set(2, calendar.previousMonth(issueDay));
            row.set(3, plan.id());
            row.set(4, money(voiceCharge));
            row.set(5, money(dataCharge));
            row.set(6, money(vas));
            row.set(7, money(roaming));
            row.set(8, money(overage));
            row.set(9, money(discount));
            row.set(10, money(total));
            row.set(11, calendar.date(issueDay));
            row.set(12, calendar.date(dueDay));
            row.set(13, paidDate);
            row.set(14, paidAmount);
            row.set(15, disputed ? LandingLines.TRUE : LandingLines.FALSE);
            row.deliver(issueDay, exportDay, false, sub.deliveryRng);
        }
        long issued = (long) issueDay * DayCalendar.SECONDS_PER_DAY;
        if (shock && b.chance(Math.min(1, s.complaints.billingComplaintPerShockBill * ps.billingSensitivity
                * (p.cause == Cause.BILLING ? 1 : 0.3)))) {
            long opened = issued + b.between(1, 5) * (long) DayCalendar.SECONDS_PER_DAY + 9 * 3600 + b.nextInt(12 * 3600);
            tickets.open(opened, ComplaintTickets.BILLING, null, p.cause == Cause.BILLING ? Cause.BILLING : Cause.NONE, true);
        }
        if (b.chance(s.surveys.surveyAfterBill * ps.surveys)) {
            long ts = issued + b.between(1, 3) * (long) DayCalendar.SECONDS_PER_DAY + 10 * 3600 + b.nextInt(10 * 3600);
            surveys.answer(ts, Planted.AFTER_BILL, p.cause == Cause.BILLING, shock);
        }
    }

    private static double cents(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
